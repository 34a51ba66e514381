package dev.rolekeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MfaCommandTest {

  /** Records what would go to the daemon and answers like its control route. */
  private static final class RecordingDaemon implements DaemonClient {
    final List<String> calls = new ArrayList<>();
    final RuntimeException failure;

    RecordingDaemon(RuntimeException failure) {
      this.failure = failure;
    }

    @Override
    public Map<String, Object> get(String path) {
      calls.add("GET " + path);
      return Map.of("mfaPrompts", List.of());
    }

    @Override
    public Map<String, Object> post(String path, Map<String, ?> body) {
      calls.add(path + " " + ControlJson.write(body));
      if (failure != null) {
        throw failure;
      }
      return Map.of(
          "device",
          body.containsKey("device") ? body.get("device") : "dev",
          "message",
          "code accepted for dev");
    }
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(RecordingDaemon daemon, String stdin, String... args) {
    MfaCommand command =
        new MfaCommand(daemon, () -> null, new BufferedReader(new StringReader(stdin)));
    CommandLine cli = new CommandLine(command);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void execute_codeAndDevice_postsThemToControlRoute() {
    RecordingDaemon daemon = new RecordingDaemon(null);
    Run run = run(daemon, "", "--device", "arn:aws:iam::1:mfa/me", "123456");
    assertThat(run.exit()).isZero();
    assertThat(daemon.calls)
        .containsExactly("/control/mfa {\"code\":\"123456\",\"device\":\"arn:aws:iam::1:mfa/me\"}");
    assertThat(run.out()).contains("code accepted").doesNotContain("123456");
    assertThat(run.err())
        .as("a code in argv is readable by every local user")
        .contains("warning", "visible to every user", "run `rolekeeper mfa` and type it")
        .doesNotContain("123456");
  }

  @Test
  void execute_noCodeNoTerminal_readsStdin() {
    RecordingDaemon daemon = new RecordingDaemon(null);
    Run run = run(daemon, " 654321\n");
    assertThat(run.exit()).isZero();
    assertThat(daemon.calls).containsExactly("/control/mfa {\"code\":\"654321\"}");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void execute_stdinEndsWithoutACode_saysNoneWasGiven_sendsNothing() {
    RecordingDaemon daemon = new RecordingDaemon(null);
    Run run = run(daemon, "");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("no code given").doesNotContain("6 digits");
    assertThat(daemon.calls).isEmpty();
  }

  @Test
  void help_sayWhyTheCodeIsBetterLeftOff() {
    Run run = run(new RecordingDaemon(null), "", "--help");
    assertThat(run.out()).contains("visible to every user of this machine", "without echo");
  }

  @Test
  void execute_malformedCode_exit2WithoutCallingDaemonOrEchoing() {
    RecordingDaemon daemon = new RecordingDaemon(null);
    Run run = run(daemon, "", "12345x");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(daemon.calls).isEmpty();
    assertThat(run.err()).contains("exactly 6 digits").doesNotContain("12345x");
  }

  @Test
  void execute_daemonRefuses_exit1WithItsReason() {
    RecordingDaemon daemon =
        new RecordingDaemon(new DaemonClient.DaemonException(409, "no MFA code is pending"));
    Run run = run(daemon, "", "123456");
    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("no MFA code is pending");
  }
}
