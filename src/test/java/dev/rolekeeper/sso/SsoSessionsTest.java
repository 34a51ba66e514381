package dev.rolekeeper.sso;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.profiles.SsoSettings;
import dev.rolekeeper.sandbox.DemoAccount;
import dev.rolekeeper.sandbox.SsoApprovalPage;
import dev.rolekeeper.sandbox.StsSimulator;
import dev.rolekeeper.session.Eventually;
import dev.rolekeeper.session.SsoRoleSource.SsoUnavailableException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token keeper and sign-in against the simulated Identity Center, without a daemon around them.
 */
@ExtendWith(VertxExtension.class)
class SsoSessionsTest {

  /** The legacy form: the start URL names the sign-in and there is no refresh token. */
  private static final SsoSettings LEGACY =
      new SsoSettings(
          null,
          DemoAccount.SSO_START_URL,
          "us-east-1",
          List.of(),
          DemoAccount.ACCOUNT,
          DemoAccount.SSO_ROLE);

  @TempDir Path dir;

  private Vertx vertx;
  private StsSimulator simulator;
  private SsoSessions sessions;

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    this.vertx = vertx;
    DemoAccount account = DemoAccount.create();
    simulator = new StsSimulator(account.config());
    await(simulator.start(vertx, 0));
    account.assignSso(simulator);
    Clock clock = Clock.systemUTC();
    sessions =
        new SsoSessions(
            vertx,
            new SsoTokenCache(dir),
            new SsoCalls(
                new SsoClients(simulator.endpoint(), simulator.endpoint(), Duration.ofSeconds(5)),
                clock),
            SignInPrompter.logOnly(),
            clock,
            Duration.ofMinutes(10));
  }

  @AfterEach
  void stop() throws Exception {
    sessions.stop();
    await(simulator.stop());
  }

  @Test
  void
      legacyProfile_noToken_SsoLoginRequiredThenSignInByStartUrl_tokenWithoutRefreshCachedUnderTheUrlsHash()
          throws Exception {
    Throwable first = failure(sessions.roleCredentials("old", LEGACY));
    assertThat(first)
        .isInstanceOfSatisfying(
            SsoUnavailableException.class,
            e -> {
              assertThat(e.code()).isEqualTo("SsoLoginRequired");
              assertThat(e.getMessage())
                  .contains("SSO start URL " + DemoAccount.SSO_START_URL)
                  .contains("rolekeeper login " + DemoAccount.SSO_START_URL);
            });

    SsoCalls.DeviceCode device = await(sessions.startSignIn(DemoAccount.SSO_START_URL, false));
    SsoApprovalPage.approve(device.verificationUriComplete());
    await(
        Eventually.until(
            vertx,
            () -> !"SigningIn".equals(sessions.status().get(0).signIn().state()),
            Duration.ofSeconds(30)));

    AwsCredentials keys = await(sessions.roleCredentials("old", LEGACY));
    assertThat(keys.accountId()).isEqualTo(DemoAccount.ACCOUNT);
    SsoToken cached = new SsoTokenCache(dir).read(LEGACY).orElseThrow();
    assertThat(dir.resolve(LEGACY.cacheFileName())).exists();
    assertThat(cached.refreshToken()).isNull();
    SsoSessionStatus status = sessions.status().get(0);
    assertThat(status.token().refreshable()).isFalse();
    assertThat(status.signIn().neededBy()).isEqualTo(cached.expiresAt());
  }

  @Test
  void slowDown_nextPollWaitsFiveSecondsMore_soTheServiceIsNotAskedAgainTooSoon() throws Exception {
    simulator.sso().slowDownNextPolls(1);
    SsoSettings corp =
        new SsoSettings(
            "corp",
            DemoAccount.SSO_START_URL,
            "us-east-1",
            List.of("sso:account:access"),
            DemoAccount.ACCOUNT,
            DemoAccount.SSO_ROLE);
    failure(sessions.roleCredentials("dev", corp));

    SsoCalls.DeviceCode device = await(sessions.startSignIn("corp", false));
    SsoApprovalPage.approve(device.verificationUriComplete());
    await(
        Eventually.until(
            vertx,
            () -> !"SigningIn".equals(sessions.status().get(0).signIn().state()),
            Duration.ofSeconds(30)));

    // A client ignoring slow_down would have polled again after 1 s and been told slow_down again.
    assertThat(simulator.calls("CreateToken")).isEqualTo(2);
    assertThat(sessions.status().get(0).token().refreshable()).isTrue();
  }

  private static Throwable failure(Future<?> future) throws Exception {
    try {
      await(future);
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
