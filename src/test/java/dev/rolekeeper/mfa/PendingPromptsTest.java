package dev.rolekeeper.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.config.PromptWay;
import dev.rolekeeper.process.ProcessRunner;
import dev.rolekeeper.session.CodeSource.MfaUnavailableException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class PendingPromptsTest {

  private static final String DEV_A = "arn:aws:iam::111111111111:mfa/alice";
  private static final String DEV_B = "arn:aws:iam::111111111111:mfa/bob";
  private static final Instant ENDS = Instant.parse("2030-01-01T00:00:00Z");

  private static MfaPrompt prompt(String device, String... profiles) {
    return new MfaPrompt(device, List.of(profiles), ENDS, "a new 12-hour MFA session is due");
  }

  private static PendingPrompts passiveOnly(Vertx vertx, Duration timeout) {
    return new PendingPrompts(vertx, timeout, List.of(PromptWay.WEB, PromptWay.CLI), Map.of());
  }

  private static ProcessCodeSource process(Vertx vertx, String script) {
    return new ProcessCodeSource(
        vertx,
        new ProcessRunner(vertx, Map.of()),
        script,
        Duration.ofSeconds(10),
        Clock.systemUTC());
  }

  @Test
  void request_sameDeviceTwice_joinsAndBothGetTheOneCode(Vertx vertx, VertxTestContext ctx) {
    PendingPrompts prompts = passiveOnly(vertx, Duration.ofMinutes(1));
    Future<MfaCode> first = prompts.request(prompt(DEV_A, "prod"));
    Future<MfaCode> second = prompts.request(prompt(DEV_A, "admin"));
    ctx.verify(
        () -> {
          assertThat(prompts.pending()).hasSize(1);
          assertThat(prompts.pending().get(0).profiles()).containsExactly("prod", "admin");
          assertThat(prompts.statusJson().getJsonObject(0).getMap())
              .containsEntry("device", DEV_A)
              .containsEntry("profiles", "prod,admin")
              .containsKey("reason");
        });
    SubmitOutcome outcome = prompts.submit(Optional.empty(), new MfaCode("123456"));
    Future.all(first, second)
        .onComplete(
            ctx.succeeding(
                all ->
                    ctx.verify(
                        () -> {
                          assertThat(((SubmitOutcome.Accepted) outcome).device()).isEqualTo(DEV_A);
                          assertThat(first.result().digits()).isEqualTo("123456");
                          assertThat(second.result()).isEqualTo(first.result());
                          assertThat(prompts.pending()).isEmpty();
                          ctx.completeNow();
                        })));
  }

  @Test
  void request_nobodyAnswers_failsAsNoCodeCameAndForgetsIt(Vertx vertx, VertxTestContext ctx) {
    PendingPrompts prompts = passiveOnly(vertx, Duration.ofMillis(200));
    List<String> ended = new CopyOnWriteArrayList<>();
    prompts.onPromptEnded(ended::add);
    prompts
        .request(prompt(DEV_A, "prod"))
        .onComplete(
            ctx.failing(
                err ->
                    ctx.verify(
                        () -> {
                          assertThat(err)
                              .isInstanceOf(MfaUnavailableException.class)
                              .hasMessageContaining("no MFA code for " + DEV_A);
                          assertThat(prompts.pending()).isEmpty();
                          assertThat(ended).containsExactly(DEV_A);
                          assertThat(
                                  prompts
                                      .submit(Optional.of(DEV_A), new MfaCode("123456"))
                                      .accepted())
                              .isFalse();
                          ctx.completeNow();
                        })));
  }

  @Test
  void submit_routes_byDeviceAmbiguousUnknownAndNothingPending(Vertx vertx, VertxTestContext ctx) {
    PendingPrompts prompts = passiveOnly(vertx, Duration.ofMinutes(1));
    ctx.verify(
        () ->
            assertThat(prompts.submit(Optional.empty(), new MfaCode("111111")).message())
                .isEqualTo("no MFA code is pending"));
    Future<MfaCode> a = prompts.request(prompt(DEV_A, "prod"));
    Future<MfaCode> b = prompts.request(prompt(DEV_B, "dev"));
    SubmitOutcome ambiguous = prompts.submit(Optional.empty(), new MfaCode("111111"));
    SubmitOutcome unknown =
        prompts.submit(Optional.of("arn:aws:iam::1:mfa/nobody"), new MfaCode("111111"));
    SubmitOutcome toB = prompts.submit(Optional.of(DEV_B), new MfaCode("222222"));
    SubmitOutcome onlyA = prompts.submit(Optional.empty(), new MfaCode("333333"));
    Future.all(a, b)
        .onComplete(
            ctx.succeeding(
                all ->
                    ctx.verify(
                        () -> {
                          assertThat(ambiguous.accepted()).isFalse();
                          assertThat(ambiguous.message()).contains(DEV_A, DEV_B, "--device");
                          assertThat(unknown.accepted()).isFalse();
                          assertThat(unknown.message()).contains("arn:aws:iam::1:mfa/nobody");
                          assertThat(((SubmitOutcome.Accepted) toB).device()).isEqualTo(DEV_B);
                          assertThat(((SubmitOutcome.Accepted) onlyA).device()).isEqualTo(DEV_A);
                          assertThat(a.result().digits()).isEqualTo("333333");
                          assertThat(b.result().digits()).isEqualTo("222222");
                          ctx.completeNow();
                        })));
  }

  @Test
  void cancel_pending_failsCallersAsNoCodeCame(Vertx vertx, VertxTestContext ctx) {
    PendingPrompts prompts = passiveOnly(vertx, Duration.ofMinutes(1));
    Future<MfaCode> a = prompts.request(prompt(DEV_A, "prod"));
    prompts.cancel(DEV_A);
    a.onComplete(
        ctx.failing(
            err ->
                ctx.verify(
                    () -> {
                      assertThat(err)
                          .isInstanceOf(MfaUnavailableException.class)
                          .hasMessage("the MFA prompt for " + DEV_A + " was cancelled");
                      assertThat(prompts.pending()).isEmpty();
                      ctx.completeNow();
                    })));
  }

  @Test
  void request_activeProcessWay_completesWithItsCode(Vertx vertx, VertxTestContext ctx) {
    PendingPrompts prompts =
        new PendingPrompts(
            vertx,
            Duration.ofSeconds(20),
            List.of(PromptWay.PROCESS, PromptWay.WEB),
            Map.of(PromptWay.PROCESS, process(vertx, "echo 424242")));
    prompts
        .request(prompt(DEV_A, "prod"))
        .onComplete(
            ctx.succeeding(
                code ->
                    ctx.verify(
                        () -> {
                          assertThat(code.digits()).isEqualTo("424242");
                          assertThat(prompts.pending()).isEmpty();
                          ctx.completeNow();
                        })));
  }

  @Test
  void request_firstActiveWayFails_fallsThroughToTheNext(Vertx vertx, VertxTestContext ctx) {
    // The second active way is a real prompter that answers; which class stands there does not
    // matter.
    PendingPrompts prompts =
        new PendingPrompts(
            vertx,
            Duration.ofSeconds(20),
            List.of(PromptWay.PROCESS, PromptWay.WEB, PromptWay.NOTIFICATION),
            Map.of(
                PromptWay.PROCESS,
                process(vertx, "echo broken >&2; exit 3"),
                PromptWay.NOTIFICATION,
                process(vertx, "echo 'your code: 777888'")));
    prompts
        .request(prompt(DEV_A, "prod"))
        .onComplete(
            ctx.succeeding(
                code ->
                    ctx.verify(
                        () -> {
                          assertThat(code.digits()).isEqualTo("777888");
                          ctx.completeNow();
                        })));
  }

  @Test
  void submit_whileActiveWayRuns_stopsIt(Vertx vertx, VertxTestContext ctx) throws Exception {
    Path pidFile = Files.createTempFile("mfa-pid", ".txt");
    PendingPrompts prompts =
        new PendingPrompts(
            vertx,
            Duration.ofSeconds(20),
            List.of(PromptWay.PROCESS),
            Map.of(PromptWay.PROCESS, process(vertx, "echo $$ > " + pidFile + "; exec sleep 60")));
    Future<MfaCode> code = prompts.request(prompt(DEV_A, "prod"));
    TestWait.until(() -> Files.size(pidFile) > 0, Duration.ofSeconds(10));
    long pid = Long.parseLong(Files.readString(pidFile).strip());
    prompts.submit(Optional.of(DEV_A), new MfaCode("123123"));
    code.compose(
            c ->
                vertx.executeBlocking(
                    () -> {
                      TestWait.until(
                          () -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true),
                          Duration.ofSeconds(10));
                      return c;
                    }))
        .onComplete(
            ctx.succeeding(
                c ->
                    ctx.verify(
                        () -> {
                          assertThat(c.digits()).isEqualTo("123123");
                          ctx.completeNow();
                        })));
  }
}
