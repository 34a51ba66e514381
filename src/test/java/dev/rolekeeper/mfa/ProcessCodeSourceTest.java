package dev.rolekeeper.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolekeeper.process.ProcessRunner;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class ProcessCodeSourceTest {

  private static final MfaPrompt PROMPT =
      new MfaPrompt(
          "arn:aws:iam::1:mfa/me", List.of("prod"), Instant.parse("2030-01-01T00:00:00Z"), "test");

  private static ProcessCodeSource source(
      Vertx vertx, String script, Duration timeout, Clock clock) {
    return new ProcessCodeSource(vertx, new ProcessRunner(vertx, Map.of()), script, timeout, clock);
  }

  private static ProcessCodeSource source(Vertx vertx, String script) {
    return source(vertx, script, Duration.ofSeconds(10), Clock.systemUTC());
  }

  @Test
  void start_commandPrintsOneCode_givesThatCode(Vertx vertx, VertxTestContext ctx) {
    source(vertx, "printf 'Account: me\\n 098765 \\n'")
        .start(PROMPT)
        .outcome()
        .onComplete(
            ctx.succeeding(
                outcome ->
                    ctx.verify(
                        () -> {
                          assertThat(outcome).isInstanceOf(Prompter.Outcome.Code.class);
                          assertThat(((Prompter.Outcome.Code) outcome).code().digits())
                              .isEqualTo("098765");
                          ctx.completeNow();
                        })));
  }

  @Test
  void start_nonZeroExit_unavailableNamingExitCodeNotStderr(Vertx vertx, VertxTestContext ctx) {
    source(vertx, "echo 'secret 123456' >&2; exit 7")
        .start(PROMPT)
        .outcome()
        .onComplete(
            ctx.succeeding(
                outcome ->
                    ctx.verify(
                        () -> {
                          assertThat(outcome).isInstanceOf(Prompter.Outcome.Unavailable.class);
                          String reason = ((Prompter.Outcome.Unavailable) outcome).reason();
                          assertThat(reason).contains("exit code 7").doesNotContain("123456");
                          ctx.completeNow();
                        })));
  }

  @Test
  void start_outputOverTheLimit_unavailableEvenWithOneCodeAtItsStart(
      Vertx vertx, VertxTestContext ctx) {
    source(vertx, "echo 098765; head -c 5000000 /dev/zero | tr '\\0' ' '")
        .start(PROMPT)
        .outcome()
        .onComplete(
            ctx.succeeding(
                outcome ->
                    ctx.verify(
                        () -> {
                          assertThat(outcome).isInstanceOf(Prompter.Outcome.Unavailable.class);
                          assertThat(((Prompter.Outcome.Unavailable) outcome).reason())
                              .isEqualTo(
                                  "mfa_process printed more than 256 KiB, the most rolekeeper"
                                      + " reads of it");
                          ctx.completeNow();
                        })));
  }

  @Test
  void start_outputWithoutOrWithTwoCodes_unavailable(Vertx vertx, VertxTestContext ctx) {
    Future<Prompter.Outcome> none =
        source(vertx, "echo 'no token plugged in: 12345 1234567'").start(PROMPT).outcome();
    Future<Prompter.Outcome> two =
        source(vertx, "echo 111111; echo 222222").start(PROMPT).outcome();
    Future.all(none, two)
        .onComplete(
            ctx.succeeding(
                all ->
                    ctx.verify(
                        () -> {
                          assertThat(none.result())
                              .isEqualTo(
                                  new Prompter.Outcome.Unavailable(
                                      "mfa_process output did not contain exactly one 6-digit code"));
                          assertThat(two.result()).isEqualTo(none.result());
                          ctx.completeNow();
                        })));
  }

  @Test
  void start_commandHangs_killedWithItsChildrenAfterTimeout(
      Vertx vertx, VertxTestContext ctx, @TempDir Path dir) {
    Path pids = dir.resolve("pids");
    // a child that would outlive a naive kill of sh alone
    String script = "sleep 60 & echo $! > " + pids + "; echo $$ >> " + pids + "; wait";
    long started = System.nanoTime();
    source(vertx, script, Duration.ofMillis(700), Clock.systemUTC())
        .start(PROMPT)
        .outcome()
        .compose(
            outcome ->
                vertx.executeBlocking(
                    () -> {
                      List<Long> launched =
                          Files.readAllLines(pids).stream()
                              .map(String::strip)
                              .map(Long::parseLong)
                              .toList();
                      TestWait.until(
                          () ->
                              launched.stream()
                                  .allMatch(
                                      pid ->
                                          ProcessHandle.of(pid)
                                              .map(h -> !h.isAlive())
                                              .orElse(true)),
                          Duration.ofSeconds(10));
                      return outcome;
                    }))
        .onComplete(
            ctx.succeeding(
                outcome ->
                    ctx.verify(
                        () -> {
                          assertThat(outcome).isInstanceOf(Prompter.Outcome.Unavailable.class);
                          assertThat(((Prompter.Outcome.Unavailable) outcome).reason())
                              .contains("did not finish", "killed");
                          assertThat(Duration.ofNanos(System.nanoTime() - started))
                              .isLessThan(Duration.ofSeconds(15));
                          ctx.completeNow();
                        })));
  }

  @Test
  void start_cancelled_killsTheCommandAndWaits(Vertx vertx, VertxTestContext ctx) {
    Prompter.Running running = source(vertx, "exec sleep 60").start(PROMPT);
    vertx.setTimer(200, id -> running.cancel());
    running
        .outcome()
        .onComplete(
            ctx.succeeding(
                outcome ->
                    ctx.verify(
                        () -> {
                          assertThat(outcome).isInstanceOf(Prompter.Outcome.Waiting.class);
                          ctx.completeNow();
                        })));
  }

  @Test
  void start_codeJustHandedOut_waitsForTheNextTotpWindow(Vertx vertx, VertxTestContext ctx) {
    long step = ProcessCodeSource.TOTP_STEP.toMillis();
    long lateInWindow = (System.currentTimeMillis() / step) * step + step - 500;
    Clock clock = Clock.fixed(Instant.ofEpochMilli(lateInWindow), ZoneOffset.UTC);
    ProcessCodeSource source = source(vertx, "echo 314159", Duration.ofSeconds(10), clock);
    source
        .start(PROMPT)
        .outcome()
        .compose(
            first -> {
              long secondStarted = System.nanoTime();
              return source
                  .start(PROMPT)
                  .outcome()
                  .map(
                      second -> {
                        ctx.verify(
                            () -> {
                              assertThat(second).isEqualTo(first);
                              // 0.5 s to the window's end plus 1 s margin
                              assertThat(Duration.ofNanos(System.nanoTime() - secondStarted))
                                  .isGreaterThanOrEqualTo(Duration.ofMillis(1400));
                            });
                        return second;
                      });
            })
        .onComplete(ctx.succeeding(second -> ctx.completeNow()));
  }

  @Test
  void constructor_blankCommand_refusedNamingMfaProcess(Vertx vertx) {
    assertThatThrownBy(() -> source(vertx, " "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mfa_process");
  }

  @Test
  void singleCode_picksOnlyStandaloneSixDigitRuns() {
    assertThat(ProcessCodeSource.singleCode("code=123456\n"))
        .map(MfaCode::digits)
        .contains("123456");
    assertThat(ProcessCodeSource.singleCode("1234567")).isEmpty();
    assertThat(ProcessCodeSource.singleCode("")).isEmpty();
  }
}
