package dev.rolekeeper.doctor;

import dev.rolekeeper.endpoint.DaemonInfo;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * The daemon runs and answers on its port; when it does not run, whether another program holds the
 * port.
 */
final class DaemonCheck implements Check {

  @Override
  public String name() {
    return "daemon";
  }

  @Override
  public CheckResult run(DoctorContext context) {
    Optional<DaemonInfo> info;
    try {
      info = DaemonInfo.read(context.stateDir());
    } catch (IOException e) {
      return new CheckResult.NeedsFix(
          e.getMessage(), "systemctl --user restart rolekeeper (or restart `rolekeeper run`)");
    }
    if (info.isPresent()) {
      int port = info.get().port();
      if (answers(context, port)) {
        return new CheckResult.Passed(
            "runs (pid " + info.get().pid() + ") and answers on 127.0.0.1:" + port);
      }
      return new CheckResult.NeedsFix(
          "runs (pid " + info.get().pid() + ") but does not answer on 127.0.0.1:" + port,
          "systemctl --user restart rolekeeper (or restart `rolekeeper run`)");
    }
    if (context.port() > 0 && listening(context, context.port())) {
      return new CheckResult.NeedsFix(
          "not running, and port "
              + context.port()
              + " is held by "
              + PortHolder.describe(context.port()),
          "stop that program, or set listen.port in "
              + "~/.config/rolekeeper/config.yaml to a free port");
    }
    return new CheckResult.NeedsFix(
        "not running (no " + context.stateDir().resolve(DaemonInfo.FILE_NAME) + ")",
        "systemctl --user start rolekeeper (or `rolekeeper run` in a terminal)");
  }

  /** A rolekeeper endpoint refuses a request without a token with its own JSON error. */
  private static boolean answers(DoctorContext context, int port) {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(context.timeout())
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/credentials/doctor"))
            .timeout(context.timeout())
            .build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 401 && response.body().contains("\"code\"");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static boolean listening(DoctorContext context, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), (int) context.timeout().toMillis());
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
