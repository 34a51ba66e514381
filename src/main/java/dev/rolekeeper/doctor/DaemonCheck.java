package dev.rolekeeper.doctor;

import dev.rolekeeper.daemon.DaemonInfo;
import dev.rolekeeper.daemon.DaemonTrust;
import dev.rolekeeper.os.TcpSockets;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * The daemon runs (holds its instance lock) and answers on its port; when it does not run, whether
 * another program holds the port. A port held by another user is a security problem: SDKs would
 * send it their token.
 */
final class DaemonCheck implements Check {

  private static final String OTHER_USER_FIX =
      "have that program stopped (by its user or root), then restart rolekeeper; until then, or"
          + " if it comes back, set listen.port and listen.imdsPort in"
          + " ~/.config/rolekeeper/config.yaml to free ports and run `rolekeeper env` again in your"
          + " shells";

  @Override
  public String name() {
    return "daemon";
  }

  @Override
  public CheckResult run(DoctorContext context) {
    DaemonTrust.Verdict verdict;
    try {
      verdict = DaemonTrust.check(context.stateDir());
    } catch (IOException e) {
      return new CheckResult.NeedsFix(
          e.getMessage(), "systemctl --user restart rolekeeper (or restart `rolekeeper run`)");
    }
    if (verdict instanceof DaemonTrust.Impostor impostor) {
      return new CheckResult.NeedsFix("security: " + impostor.message(), OTHER_USER_FIX);
    }
    if (verdict instanceof DaemonTrust.Unreachable unreachable) {
      return new CheckResult.NeedsFix(
          "runs (pid "
              + unreachable.info().pid()
              + ") but does not answer on 127.0.0.1:"
              + unreachable.info().port()
              + ": nothing listens there",
          "systemctl --user restart rolekeeper (or restart `rolekeeper run`)");
    }
    if (verdict instanceof DaemonTrust.Trusted trusted) {
      DaemonInfo info = trusted.info();
      if (answers(context, info.port())) {
        return new CheckResult.Passed(
            "runs (pid " + info.pid() + ") and answers on 127.0.0.1:" + info.port());
      }
      return new CheckResult.NeedsFix(
          "runs (pid " + info.pid() + ") but does not answer on 127.0.0.1:" + info.port(),
          "systemctl --user restart rolekeeper (or restart `rolekeeper run`)");
    }
    if (context.port() > 0 && listening(context, context.port())) {
      Optional<TcpSockets.PortHolder> holder = PortHolder.find(context.port());
      if (holder.isPresent() && PortHolder.isOtherUser(holder.get())) {
        return new CheckResult.NeedsFix(
            "security: another user listens on 127.0.0.1:"
                + context.port()
                + ", "
                + holder.get().describe()
                + ": SDKs configured for rolekeeper would send it their token and take its"
                + " credentials",
            OTHER_USER_FIX);
      }
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
