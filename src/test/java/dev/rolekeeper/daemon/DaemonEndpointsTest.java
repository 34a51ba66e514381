package dev.rolekeeper.daemon;

import static dev.rolekeeper.daemon.RunningDaemon.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.sandbox.DemoAccount;
import dev.rolekeeper.sandbox.StsSimulator;
import dev.rolekeeper.session.SessionDirectory.Lookup;
import dev.rolekeeper.session.SessionStatus;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real daemon without {@code sts.endpoint}: each profile's calls go to the endpoint its own
 * settings name ({@code endpoint_url}; a {@code [services]} section), while {@code [default]}'s
 * endpoint, FIPS and dual-stack keys reach no other profile.
 */
@ExtendWith(VertxExtension.class)
class DaemonEndpointsTest {

  private static final String ROLE = "arn:aws:iam::" + DemoAccount.ACCOUNT + ":role/dev";

  @TempDir Path home;

  private RunningDaemon running;
  private StsSimulator second;

  @AfterEach
  void tearDown() throws Exception {
    if (running != null) {
      running.stop();
    }
    if (second != null) {
      await(second.stop());
    }
  }

  @Test
  void profilesWithTheirOwnEndpoints_eachCallsItsOwn_defaultLeaksIntoNone(Vertx vertx)
      throws Exception {
    running =
        RunningDaemon.prepare(
            vertx, home, List.of("first", "second"), Map.of("ROLEKEEPER_STS_ENDPOINT", ""));
    second = new StsSimulator(running.account.config());
    await(second.start(vertx, 0));
    Files.writeString(
        home.resolve(".aws/config"),
        String.join(
            "\n",
            "[default]",
            "endpoint_url = http://127.0.0.1:1",
            "use_fips_endpoint = true",
            "use_dualstack_endpoint = true",
            "region = sa-east-1",
            "",
            "[profile first]",
            "role_arn = " + ROLE,
            "source_profile = demo-alice",
            "region = eu-west-1",
            "endpoint_url = " + running.simulator.endpoint(),
            "",
            "[profile second]",
            "role_arn = " + ROLE,
            "source_profile = demo-alice",
            "services = local",
            "",
            "[services local]",
            "sts =",
            "  endpoint_url = " + second.endpoint(),
            ""));
    running.startDaemon(vertx);

    assertThat(await(running.daemon.sessions().lookupSoon("first")))
        .isInstanceOf(Lookup.Available.class);
    assertThat(await(running.daemon.sessions().lookupSoon("second")))
        .isInstanceOf(Lookup.Available.class);
    assertThat(running.simulator.calls("AssumeRole")).isEqualTo(1);
    assertThat(second.calls("AssumeRole")).isEqualTo(1);
    Map<String, String> sts =
        await(running.daemon.sessions().status()).stream()
            .collect(
                java.util.stream.Collectors.toMap(SessionStatus::profile, s -> s.sts().endpoint()));
    assertThat(sts.get("first"))
        .isEqualTo(
            running.simulator.endpoint()
                + " (profile first endpoint_url), region eu-west-1 (profile first)");
    assertThat(sts.get("second"))
        .isEqualTo(
            second.endpoint()
                + " (profile second services sts endpoint_url), region us-east-1 (settings region)");
  }
}
