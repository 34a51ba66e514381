package dev.rolekeeper.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.process.ProcessRunner;
import dev.rolekeeper.process.ProgramLocator;
import dev.rolekeeper.profiles.SsoSettings;
import dev.rolekeeper.sandbox.DemoAccount;
import dev.rolekeeper.sandbox.SsoGrant;
import dev.rolekeeper.sandbox.StsSimulator;
import dev.rolekeeper.session.CodeSource;
import dev.rolekeeper.session.RefreshPolicy;
import dev.rolekeeper.session.RoleHop;
import dev.rolekeeper.session.SessionDirectory.Lookup;
import dev.rolekeeper.session.SessionManager;
import dev.rolekeeper.session.SsoPlan;
import dev.rolekeeper.sso.DesktopSignInPrompter;
import dev.rolekeeper.sso.SsoCalls;
import dev.rolekeeper.sso.SsoClients;
import dev.rolekeeper.sso.SsoSessionStatus;
import dev.rolekeeper.sso.SsoSessions;
import dev.rolekeeper.sso.SsoToken;
import dev.rolekeeper.sso.SsoTokenCache;
import dev.rolekeeper.sts.AwsNetwork;
import dev.rolekeeper.sts.SdkStsGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IAM Identity Center sign-in asked for ahead of time on the real Linux desktop (Xvfb, D-Bus,
 * dunst, notify-send): the notification's "Sign in" action starts the device sign-in, {@code
 * xdg-open} hands the approval link to the "browser" (a script that presses Approve with curl), and
 * the renewed token lands in the cache.
 */
@ExtendWith(VertxExtension.class)
class SsoSignInDesktopTest {

  private static final List<String> PROGRAMS =
      List.of(
          "Xvfb",
          "dbus-launch",
          "dbus-send",
          "dunst",
          "dunstctl",
          "notify-send",
          "xdg-open",
          "curl");
  private static final Duration STEP = Duration.ofSeconds(20);
  private static final SsoSettings SETTINGS =
      new SsoSettings(
          DemoAccount.SSO_SESSION,
          DemoAccount.SSO_START_URL,
          "us-east-1",
          List.of("sso:account:access"),
          DemoAccount.ACCOUNT,
          DemoAccount.SSO_ROLE);

  @TempDir Path dir;

  @Test
  void
      tokenEndingWithinTheLead_notificationSignIn_approvedInTheBrowser_tokenRenewedAndProfileServed(
          Vertx vertx) throws Exception {
    ProgramLocator path = new ProgramLocator(System.getenv("PATH"));
    PROGRAMS.forEach(
        p ->
            Assumptions.assumeTrue(
                path.find(p).isPresent(),
                "desktop test skipped: "
                    + p
                    + " not installed (apt-get install -y xvfb dbus-x11 dunst libnotify-bin xdg-utils curl)"));
    DemoAccount account = DemoAccount.create();
    StsSimulator simulator = new StsSimulator(account.config());
    await(simulator.start(vertx, 0));
    account.assignSso(simulator);
    try (DesktopPromptTest.Desktop desktop = DesktopPromptTest.Desktop.start(dir)) {
      // What `aws sso login` left without a refresh token: good for 20 more minutes, inside the
      // 30-minute lead.
      simulator.sso().accessTokenSeconds(20 * 60);
      SsoGrant grant = simulator.sso().signedIn(false);
      SsoTokenCache cache = new SsoTokenCache(dir.resolve("cache"));
      cache.write(
          SETTINGS,
          new SsoToken(
              grant.accessToken(),
              grant.expiresAt(),
              null,
              new SsoToken.Registration(
                  grant.clientId(), grant.clientSecret(), grant.registrationExpiresAt()),
              "us-east-1",
              DemoAccount.SSO_START_URL));
      simulator.sso().accessTokenSeconds(8 * 3600);

      Clock clock = Clock.systemDefaultZone();
      ProcessRunner runner = new ProcessRunner(vertx, browserEnv(desktop));
      SsoSessions sso =
          new SsoSessions(
              vertx,
              cache,
              new SsoCalls(
                  new SsoClients(simulator.endpoint(), simulator.endpoint(), Duration.ofSeconds(5)),
                  clock),
              new DesktopSignInPrompter(runner, path, Duration.ofMinutes(2), clock),
              clock,
              Duration.ofMinutes(30));
      SessionManager sessions =
          new SessionManager(
              Map.of(
                  "dev",
                  new SsoPlan(
                      new RoleHop("dev", null, null, 0, null, RoleHop.Route.regional("us-east-1")),
                      SETTINGS,
                      sso)),
              Set.of("dev"),
              new SdkStsGateway(simulator.endpoint(), Duration.ofSeconds(5), AwsNetwork.direct()),
              CodeSource.none(),
              RefreshPolicy.defaults(),
              Clock.systemUTC());
      await(vertx.deployVerticle(sessions));

      TestWait.until(() -> sessions.lookup("dev") instanceof Lookup.Available, STEP);
      TestWait.until(() -> desktop.shown().isPresent(), STEP);
      assertThat(desktop.shown().orElseThrow())
          .startsWith(
              "rolekeeper|rolekeeper: sign-in needed|Sign in to AWS: profile dev needs it by ")
          .endsWith("(SSO session demo).");
      assertThat(simulator.calls("StartDeviceAuthorization"))
          .as("nothing starts before the person acts")
          .isZero();

      desktop.run("dunstctl", "action", "0");

      TestWait.until(
          () ->
              "SignedIn".equals(sso.status().get(0).signIn().state())
                  && cache.read(SETTINGS).orElseThrow().refreshToken() != null,
          STEP);
      SsoToken renewed = cache.read(SETTINGS).orElseThrow();
      assertThat(renewed.expiresAt()).isAfter(grant.expiresAt().plus(Duration.ofHours(7)));
      SsoSessionStatus status = sso.status().get(0);
      assertThat(status.token().refreshable()).isTrue();
      assertThat(status.signIn().neededBy()).isNull();
      assertThat(simulator.calls("StartDeviceAuthorization")).isEqualTo(1);
      assertThat(sessions.lookup("dev")).isInstanceOf(Lookup.Available.class);
      await(vertx.undeploy(sessions.deploymentID()));
    } finally {
      await(simulator.stop());
    }
  }

  /** The desktop, plus a "browser" that approves whatever sign-in link xdg-open hands it. */
  private Map<String, String> browserEnv(DesktopPromptTest.Desktop desktop) throws Exception {
    Path browser = dir.resolve("browser.sh");
    Files.writeString(
        browser,
        "#!/bin/sh\n"
            + "code=\"${1##*user_code=}\"\n"
            + "curl -sf -o /dev/null --data \"user_code=$code&decision=approve\" \"${1%%\\?*}\"\n");
    return desktop.envWithBrowser(browser);
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(STEP.toSeconds(), TimeUnit.SECONDS);
  }
}
