package dev.rolekeeper.cli;

import dev.rolekeeper.daemon.DaemonInfo;
import dev.rolekeeper.daemon.DaemonTrust;
import dev.rolekeeper.os.NoFollow;
import dev.rolekeeper.os.PrivateDirectory;
import dev.rolekeeper.os.UnsafePathException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@link DaemonClient} over the JDK's {@link HttpURLConnection}: finds the daemon through {@code
 * <state>/daemon.json} and signs in with the control token from {@code <state>/control.token}.
 * Blocking; for the short-lived CLI process only. (Not {@code java.net.http.HttpClient}: building
 * one sets up TLS, some 400 classes, even for plain HTTP.)
 */
public final class HttpDaemonClient implements DaemonClient {

  private static final int CONNECT_TIMEOUT_MS = 2_000;
  private static final int MAX_TOKEN_FILE = 1024;

  /** A refresh waits for STS, which the daemon gives 10 s per call and may retry. */
  private static final int READ_TIMEOUT_MS = 30_000;

  private final Path stateDir;
  private final DaemonInfo info;
  private final String controlToken;

  private HttpDaemonClient(Path stateDir, DaemonInfo info, String controlToken) {
    this.stateDir = stateDir;
    this.info = info;
    this.controlToken = controlToken;
  }

  /**
   * Connects to the daemon of {@code stateDir}, or throws a {@link DaemonException} saying how to
   * start one.
   */
  public static HttpDaemonClient connect(Path stateDir) {
    try {
      // Nothing is read from a state directory others could have written to: the port in
      // daemon.json would be theirs to choose, and the control token would go to it.
      PrivateDirectory.verify(stateDir);
      DaemonInfo info = trusted(stateDir);
      String token =
          new String(
                  NoFollow.read(stateDir.resolve("control.token"), MAX_TOKEN_FILE),
                  StandardCharsets.UTF_8)
              .strip();
      return new HttpDaemonClient(stateDir, info, token);
    } catch (NoSuchFileException e) {
      throw notRunning(stateDir);
    } catch (UnsafePathException e) {
      throw new DaemonException(0, "rolekeeper: " + e.getMessage());
    } catch (IOException e) {
      throw new DaemonException(
          0, "cannot read rolekeeper's state in " + stateDir + ": " + e.getMessage());
    }
  }

  /** The daemon to talk to, once it proved to be ours ({@link DaemonTrust}). */
  private static DaemonInfo trusted(Path stateDir) throws IOException {
    DaemonTrust.Verdict verdict = DaemonTrust.check(stateDir);
    if (verdict instanceof DaemonTrust.Trusted trusted) {
      return trusted.info();
    }
    if (verdict instanceof DaemonTrust.Impostor impostor) {
      throw new DaemonException(0, "rolekeeper: " + impostor.message());
    }
    if (verdict instanceof DaemonTrust.Unreachable unreachable) {
      throw new DaemonException(0, unreachable.message());
    }
    throw notRunning(stateDir);
  }

  public DaemonInfo info() {
    return info;
  }

  @Override
  public Map<String, Object> post(String path, Map<String, ?> body) {
    return exchange("POST", path, ControlJson.write(body));
  }

  @Override
  public Map<String, Object> get(String path) {
    return exchange("GET", path, null);
  }

  private Map<String, Object> exchange(String method, String path, String body) {
    HttpURLConnection connection = null;
    try {
      // No proxy: the daemon is on loopback, and a configured proxy must never see the control
      // token.
      connection =
          (HttpURLConnection)
              new URL("http", "127.0.0.1", info.port(), path).openConnection(Proxy.NO_PROXY);
      connection.setRequestMethod(method);
      connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
      connection.setReadTimeout(READ_TIMEOUT_MS);
      connection.setUseCaches(false);
      connection.setRequestProperty("Authorization", controlToken);
      if (body != null) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(bytes.length);
        connection.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = connection.getOutputStream()) {
          out.write(bytes);
        }
      }
      int status = connection.getResponseCode();
      Map<String, Object> json = parse(readBody(connection, status));
      if (status / 100 != 2) {
        String message = ControlJson.string(json, "message");
        throw new DaemonException(
            status, ControlJson.string(json, "code"), message != null ? message : "HTTP " + status);
      }
      return json;
    } catch (IOException e) {
      throw new DaemonException(
          0,
          "rolekeeper (pid "
              + info.pid()
              + ") did not answer on port "
              + info.port()
              + ": "
              + e.getMessage());
    } finally {
      if (connection != null) {
        connection.disconnect();
      }
    }
  }

  private static String readBody(HttpURLConnection connection, int status) throws IOException {
    try (InputStream in =
        status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
      return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Map<String, Object> parse(String body) {
    if (body.isBlank()) {
      return Map.of();
    }
    try {
      return ControlJson.parseObject(body);
    } catch (IllegalArgumentException e) {
      return Map.of("message", "the daemon gave an answer that is not JSON");
    }
  }

  private static DaemonException notRunning(Path stateDir) {
    return new DaemonException(
        0,
        "rolekeeper is not running (state directory "
            + stateDir
            + ").\n"
            + "Start it with `rolekeeper run`, or as a service: `systemctl --user start rolekeeper` (Linux),"
            + " `launchctl kickstart gui/$(id -u)/dev.rolekeeper.agent` (macOS).");
  }

  @Override
  public String toString() {
    return "HttpDaemonClient[" + stateDir + ", port " + info.port() + "]";
  }
}
