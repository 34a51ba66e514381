package dev.rolekeeper.sts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.sandbox.Fault;
import dev.rolekeeper.sandbox.SimulatorConfig;
import dev.rolekeeper.sandbox.StsSimulator;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code sts.callTimeout}: a hung STS call is given up after the configured time, as a retryable
 * failure; and timing calls out costs one thread however many calls overlap.
 */
@ExtendWith(VertxExtension.class)
class CallTimeoutTest {

  @Test
  void stsHangsLongerThanTheCallTimeout_callFailsRetryablyAfterTheTimeout(Vertx vertx)
      throws Exception {
    StsSimulator simulator = new StsSimulator(SimulatorConfig.demo());
    simulator.start(vertx, 0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    SimulatorConfig.SimUser alice = simulator.config().users().get(0);
    SdkStsGateway gateway =
        new SdkStsGateway(simulator.endpoint(), Duration.ofMillis(1500), AwsNetwork.direct());
    try {
      gateway.prepare(StsTarget.regional("us-east-1"), null);
      simulator.failNext(Fault.latency(Duration.ofSeconds(20)), 1);
      long start = System.nanoTime();

      StsOutcome outcome =
          gateway.assumeRole(
              new AssumeRoleCall(
                  AwsCredentials.longTerm(alice.accessKeyId(), alice.secretAccessKey()),
                  new AssumeRoleCall.Role("arn:aws:iam::111122223333:role/dev", "test", 900, null),
                  null,
                  null,
                  StsTarget.regional("us-east-1"),
                  null));

      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(outcome)
          .isInstanceOfSatisfying(
              StsOutcome.Failed.class,
              failed -> assertThat(failed.kind()).isEqualTo(StsOutcome.FailureKind.RETRYABLE));
      assertThat(took).isBetween(Duration.ofMillis(1400), Duration.ofSeconds(6));
    } finally {
      gateway.close();
      simulator.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void tenCallsOverlap_theirTimeoutsShareOneThread(Vertx vertx) throws Exception {
    StsSimulator simulator = new StsSimulator(SimulatorConfig.demo());
    simulator.start(vertx, 0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    SimulatorConfig.SimUser alice = simulator.config().users().get(0);
    SdkStsGateway gateway =
        new SdkStsGateway(simulator.endpoint(), Duration.ofSeconds(10), AwsNetwork.direct());
    ExecutorService callers = Executors.newFixedThreadPool(10);
    long sdkPoolThreadsBefore = threadsNamed("sdk-ScheduledExecutor");
    try {
      // Each call is held a moment at the simulator, so all ten wait on their timeouts at once.
      simulator.failNext(Fault.latency(Duration.ofMillis(300)), 10);
      List<CompletableFuture<StsOutcome>> calls =
          IntStream.range(0, 10)
              .mapToObj(
                  i ->
                      CompletableFuture.supplyAsync(
                          () -> gateway.assumeRole(call(alice, "overlap-" + i)), callers))
              .toList();

      for (CompletableFuture<StsOutcome> call : calls) {
        assertThat(call.get(30, TimeUnit.SECONDS)).isInstanceOf(StsOutcome.Issued.class);
      }
      assertThat(threadsNamed("rolekeeper-sts-timeouts")).isEqualTo(1);
      assertThat(threadsNamed("sdk-ScheduledExecutor")).isEqualTo(sdkPoolThreadsBefore);
    } finally {
      callers.shutdownNow();
      gateway.close();
      simulator.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static AssumeRoleCall call(SimulatorConfig.SimUser user, String sessionName) {
    return new AssumeRoleCall(
        AwsCredentials.longTerm(user.accessKeyId(), user.secretAccessKey()),
        new AssumeRoleCall.Role("arn:aws:iam::111122223333:role/dev", sessionName, 900, null),
        null,
        null,
        StsTarget.regional("us-east-1"),
        null);
  }

  private static long threadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && thread.getName().startsWith(prefix))
        .count();
  }
}
