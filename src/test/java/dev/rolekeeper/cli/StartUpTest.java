package dev.rolekeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.config.SettingsException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whatever a start-up throws, wherever, it ends in one line, a closed Vert.x and a non-zero status
 * for {@code main} to exit with; never in a wait without end.
 */
class StartUpTest {

  private final StringWriter err = new StringWriter();
  private Vertx vertx;
  private final CountDownLatch undeployed = new CountDownLatch(1);

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    // Stands for the daemon's parts: closing Vert.x undeploys it.
    vertx
        .deployVerticle(
            new VerticleBase() {
              @Override
              public Future<?> stop() {
                undeployed.countDown();
                return Future.succeededFuture();
              }
            })
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private StartUp.Outcome<String> run(Supplier<Future<String>> start, Duration within) {
    return StartUp.run(vertx, start, new PrintWriter(err, true), within);
  }

  private void assertFailedWithOneLine(StartUp.Outcome<String> outcome, int status, String line)
      throws Exception {
    assertThat(outcome).isEqualTo(new StartUp.Failed<String>(status));
    assertThat(err.toString()).isEqualTo(line + System.lineSeparator());
    assertThat(undeployed.await(10, TimeUnit.SECONDS)).as("Vert.x closed").isTrue();
  }

  @Test
  void stackOverflowFailingTheFuture_exitsOneWithOneLine() throws Exception {
    StartUp.Outcome<String> outcome =
        run(
            () -> vertx.executeBlocking(() -> recurse(0), false).map(String::valueOf),
            Duration.ofSeconds(30));

    assertFailedWithOneLine(
        outcome, 1, "rolekeeper: could not start: StackOverflowError; logLevel: debug shows where");
  }

  @Test
  void errorThrownOnAnEventLoop_futureNeverCompleted_failsAtOnceNotAtTheDeadline()
      throws Exception {
    long began = System.nanoTime();
    StartUp.Outcome<String> outcome =
        run(
            () -> {
              Promise<String> never = Promise.promise();
              vertx.runOnContext(
                  v -> {
                    throw new OutOfMemoryError("Metaspace");
                  });
              return never.future();
            },
            Duration.ofSeconds(60));

    assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(20));
    assertFailedWithOneLine(
        outcome,
        1,
        "rolekeeper: could not start: OutOfMemoryError (Metaspace); logLevel: debug shows where");
  }

  @Test
  void futureNeverCompleted_failsAtTheDeadline() throws Exception {
    StartUp.Outcome<String> outcome =
        run(() -> Promise.<String>promise().future(), Duration.ofSeconds(1));

    assertFailedWithOneLine(
        outcome, 1, "rolekeeper: could not start: start-up did not finish within 1 s");
  }

  @Test
  void runtimeExceptionThrownByTheCaller_exitsOneWithItsMessage() throws Exception {
    StartUp.Outcome<String> outcome =
        run(
            () -> {
              throw new IllegalStateException("port 7000 is taken\nby pid 12");
            },
            Duration.ofSeconds(30));

    assertFailedWithOneLine(
        outcome, 1, "rolekeeper: could not start: port 7000 is taken by pid 12");
  }

  @Test
  void settingsException_exits78NamingTheFile() throws Exception {
    StartUp.Outcome<String> outcome =
        run(
            () ->
                Future.failedFuture(
                    new SettingsException(
                        "~/.config/rolekeeper/config.yaml: larger than 1 MiB, the most rolekeeper"
                            + " reads of it")),
            Duration.ofSeconds(30));

    assertFailedWithOneLine(
        outcome,
        Foreground.EXIT_CONFIG,
        "rolekeeper: ~/.config/rolekeeper/config.yaml: larger than 1 MiB, the most rolekeeper"
            + " reads of it");
  }

  @Test
  void started_givesTheValueAndLeavesVertxRunning() {
    StartUp.Outcome<String> outcome =
        run(() -> vertx.executeBlocking(() -> "daemon", false), Duration.ofSeconds(30));

    assertThat(outcome).isEqualTo(new StartUp.Started<>("daemon"));
    assertThat(err.toString()).isEmpty();
    assertThat(undeployed.getCount()).isEqualTo(1);
  }

  private static int recurse(int depth) {
    return recurse(depth + 1) + 1;
  }
}
