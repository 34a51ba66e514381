package dev.rolekeeper.daemon;

import static dev.rolekeeper.daemon.RunningDaemon.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.sandbox.DemoAccount;
import dev.rolekeeper.sandbox.Fault;
import dev.rolekeeper.session.Eventually;
import dev.rolekeeper.session.SessionDirectory.Lookup;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;

/**
 * The simulator's whole fault plan (throttling, 5xx, reset connections, a hung call, AccessDenied)
 * hits the daemon's refreshes while the AWS SDK for Java v2 polls the container endpoint: as long
 * as valid credentials exist, every poll gets them.
 */
@ExtendWith(VertxExtension.class)
class StsFaultsTest {

  @TempDir Path home;

  private RunningDaemon running;

  @AfterEach
  void tearDown() throws Exception {
    System.clearProperty(SdkSystemSetting.AWS_CONTAINER_CREDENTIALS_FULL_URI.property());
    System.clearProperty(SdkSystemSetting.AWS_CONTAINER_AUTHORIZATION_TOKEN.property());
    if (running != null) {
      running.stop();
    }
  }

  @Test
  void faultPlanDuringRefreshes_sdkPollingTheEndpoint_getsOnly200sWhileValidCredentialsExist(
      Vertx vertx) throws Exception {
    String profile = DemoAccount.DEV_PROFILE;
    running =
        RunningDaemon.prepare(
            vertx,
            home,
            List.of(profile),
            Map.of("ROLEKEEPER_STS_CALLTIMEOUT", "2s", "ROLEKEEPER_REFRESH_BACKOFFMAX", "1s"));
    running.simulator.sessionSecondsOverride(600);
    running.startDaemon(vertx);
    await(
        Eventually.until(
            vertx,
            () -> running.currentCredentialsOrNull(profile) != null,
            Duration.ofSeconds(20)));
    AwsCredentials first = running.currentCredentials(profile);
    System.setProperty(
        SdkSystemSetting.AWS_CONTAINER_CREDENTIALS_FULL_URI.property(),
        running.containerUri(profile));
    System.setProperty(
        SdkSystemSetting.AWS_CONTAINER_AUTHORIZATION_TOKEN.property(),
        running.daemon.tokens().clientToken(List.of(profile)).token());
    List<Fault> plan =
        List.of(
            Fault.THROTTLE,
            Fault.THROTTLE,
            Fault.SERVER_ERROR,
            Fault.SERVICE_UNAVAILABLE,
            Fault.RESET,
            Fault.RESET,
            Fault.HANG,
            Fault.ACCESS_DENIED);
    plan.forEach(fault -> running.simulator.failNext(fault, 1));
    running.simulator.resetCounters();

    running.daemon.sessions().refresh(profile);
    List<String> failures = new ArrayList<>();
    int polls = 0;
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline) && !recovered(profile, first, plan.size())) {
      polls++;
      // A provider per poll: every poll is an HTTP request to the daemon, none answered from the
      // SDK's cache.
      try (ContainerCredentialsProvider provider = ContainerCredentialsProvider.builder().build()) {
        AwsSessionCredentials got = (AwsSessionCredentials) provider.resolveCredentials();
        if (got.expirationTime().orElseThrow().isBefore(Instant.now())) {
          failures.add("expired credentials served");
        }
      } catch (RuntimeException e) {
        failures.add(e.getMessage());
      }
    }

    assertThat(recovered(profile, first, plan.size()))
        .as("a new session after the fault plan")
        .isTrue();
    assertThat(running.simulator.calls("AssumeRole")).isGreaterThan(plan.size());
    assertThat(polls).isGreaterThan(20);
    assertThat(failures).isEmpty();
    assertThat(running.daemon.sessions().lookup(profile)).isInstanceOf(Lookup.Available.class);
  }

  /** Every planned fault was met and a refresh then succeeded. */
  private boolean recovered(String profile, AwsCredentials first, int faults) {
    AwsCredentials now = running.currentCredentialsOrNull(profile);
    return running.simulator.calls("AssumeRole") > faults && now != null && !now.equals(first);
  }
}
