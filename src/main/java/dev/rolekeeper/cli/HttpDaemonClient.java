package dev.rolekeeper.cli;

import dev.rolekeeper.service.DaemonInfo;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@link DaemonClient} over the JDK HTTP client: finds the daemon through {@code <state>/daemon.json} and signs
 * in with the control token from {@code <state>/control.token}. Blocking; for the short-lived CLI process only.
 */
public final class HttpDaemonClient implements DaemonClient {

  // HTTP/1.1: the JDK client would otherwise try an h2c upgrade, which loopback daemons have no use for.
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(2)).build();
  private final Path stateDir;
  private final DaemonInfo info;
  private final String controlToken;

  private HttpDaemonClient(Path stateDir, DaemonInfo info, String controlToken) {
    this.stateDir = stateDir;
    this.info = info;
    this.controlToken = controlToken;
  }

  /** Connects to the daemon of {@code stateDir}, or throws a {@link DaemonException} saying how to start one. */
  public static HttpDaemonClient connect(Path stateDir) {
    try {
      DaemonInfo info = DaemonInfo.read(stateDir).orElseThrow(() -> notRunning(stateDir));
      String token = Files.readString(stateDir.resolve("control.token"), StandardCharsets.UTF_8).strip();
      return new HttpDaemonClient(stateDir, info, token);
    } catch (NoSuchFileException e) {
      throw notRunning(stateDir);
    } catch (IOException e) {
      throw new DaemonException(0, "cannot read rolekeeper's state in " + stateDir + ": " + e.getMessage());
    }
  }

  public DaemonInfo info() {
    return info;
  }

  @Override
  public JsonObject post(String path, JsonObject body) {
    return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body.encode()))
        .header("Content-Type", "application/json").build());
  }

  public JsonObject get(String path) {
    return send(request(path).GET().build());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + info.port() + path))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", controlToken);
  }

  private JsonObject send(HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new DaemonException(0, "rolekeeper (pid " + info.pid() + ") did not answer on port " + info.port()
          + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DaemonException(0, "interrupted");
    }
    JsonObject json = parse(response.body());
    if (response.statusCode() / 100 != 2) {
      String message = json.getString("message", "HTTP " + response.statusCode());
      throw new DaemonException(response.statusCode(), message);
    }
    return json;
  }

  private static JsonObject parse(String body) {
    try {
      return body == null || body.isBlank() ? new JsonObject() : new JsonObject(body);
    } catch (DecodeException e) {
      return new JsonObject().put("message", "the daemon gave an answer that is not JSON");
    }
  }

  private static DaemonException notRunning(Path stateDir) {
    return new DaemonException(0, "rolekeeper is not running (state directory " + stateDir + ").\n"
        + "Start it with `rolekeeper run`, or as a service: `systemctl --user start rolekeeper` (Linux),"
        + " `launchctl kickstart gui/$(id -u)/dev.rolekeeper.agent` (macOS).");
  }

  @Override
  public String toString() {
    return "HttpDaemonClient[" + stateDir + ", port " + info.port() + "]";
  }
}
