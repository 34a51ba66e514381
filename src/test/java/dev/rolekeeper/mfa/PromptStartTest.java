package dev.rolekeeper.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.config.PromptWay;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Active ways are started off the event loop: starting one may stat the PATH or launch a process.
 */
@ExtendWith(VertxExtension.class)
class PromptStartTest {

  @Test
  void requestFromAnEventLoop_slowPrompterStart_runsOnAWorkerAndTheCodeStillArrives(
      Vertx vertx, VertxTestContext ctx) {
    AtomicBoolean startedOnEventLoop = new AtomicBoolean(true);
    Prompter slowToStart =
        prompt -> {
          startedOnEventLoop.set(Context.isOnEventLoopThread());
          try {
            Thread.sleep(1500); // a PATH entry on a network file system that hangs for a moment
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return new Prompter.Running() {
            @Override
            public Future<Prompter.Outcome> outcome() {
              return Future.succeededFuture(new Prompter.Outcome.Code(new MfaCode("654321")));
            }

            @Override
            public void cancel() {}
          };
        };
    PendingPrompts prompts =
        new PendingPrompts(
            vertx,
            Duration.ofMinutes(1),
            List.of(PromptWay.NOTIFICATION),
            Map.of(PromptWay.NOTIFICATION, slowToStart));
    Promise<MfaCode> code = Promise.promise();
    vertx
        .getOrCreateContext()
        .runOnContext(
            v ->
                prompts
                    .request(
                        new MfaPrompt(
                            "arn:aws:iam::111111111111:mfa/a",
                            List.of("prod"),
                            Instant.now().plusSeconds(600),
                            "test"))
                    .onComplete(code));

    code.future()
        .onComplete(
            ctx.succeeding(
                got ->
                    ctx.verify(
                        () -> {
                          assertThat(got.digits()).isEqualTo("654321");
                          assertThat(startedOnEventLoop).isFalse();
                          ctx.completeNow();
                        })));
  }
}
