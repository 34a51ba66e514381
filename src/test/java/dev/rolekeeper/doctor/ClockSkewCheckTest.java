package dev.rolekeeper.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.sandbox.SimulatorConfig;
import dev.rolekeeper.sandbox.StsSimulator;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clock check against the STS simulator's Date header: in step, 20 minutes off, and STS
 * unreachable.
 */
class ClockSkewCheckTest {

  @TempDir Path temp;
  private Vertx vertx;
  private URI sts;

  @BeforeEach
  void startSimulator() throws Exception {
    vertx = Vertx.vertx();
    StsSimulator simulator = new StsSimulator(SimulatorConfig.demo(), Clock.systemUTC());
    int port =
        simulator
            .start(vertx, 0)
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    sts = URI.create("http://127.0.0.1:" + port + "/");
  }

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void clockInStepWithSts_passes() throws Exception {
    Path home = Contexts.home(temp);

    CheckResult result =
        new ClockSkewCheck(Clock.systemUTC()).run(Contexts.of(home, Contexts.env(home), 0, sts));

    assertThat(result).isInstanceOf(CheckResult.Passed.class);
    assertThat(result.summary()).startsWith("within ");
  }

  @Test
  void clockTwentyMinutesAhead_needsSetting() throws Exception {
    Path home = Contexts.home(temp);
    Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(20));

    CheckResult result =
        new ClockSkewCheck(ahead).run(Contexts.of(home, Contexts.env(home), 0, sts));

    assertThat(result).isInstanceOf(CheckResult.NeedsFix.class);
    assertThat(result.summary()).containsPattern("is 1(19[5-9]|20[0-5]) s ahead of STS");
    assertThat(((CheckResult.NeedsFix) result).fix()).contains("timedatectl set-ntp true");
  }

  @Test
  void stsUnreachable_needsNetwork() throws Exception {
    Path home = Contexts.home(temp);
    int closed;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = probe.getLocalPort();
    }

    CheckResult result =
        new ClockSkewCheck(Clock.systemUTC())
            .run(
                Contexts.of(
                    home, Contexts.env(home), 0, URI.create("http://127.0.0.1:" + closed + "/")));

    assertThat(result).isInstanceOf(CheckResult.NeedsFix.class);
    assertThat(result.summary()).contains("did not answer");
  }
}
