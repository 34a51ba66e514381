package dev.rolekeeper.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.Polling;
import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.session.LoginSource;
import dev.rolekeeper.session.StsFailureException;
import dev.rolekeeper.sts.StsOutcome.FailureKind;
import io.vertx.core.Future;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.signin.SigninClient;
import software.amazon.awssdk.services.signin.auth.LoginCredentialsProvider;

/** Keeping a console session fresh: refresh, single flight, the cache, refusals and outages. */
class ConsoleSessionsTest extends ConsoleTestSupport {

  @Test
  void refresh_nearExpiry_writesARotatedRefreshTokenThatTheServiceTakesNextTime() throws Exception {
    LoginToken first = signedIn(Duration.ofMinutes(2));

    AwsCredentials refreshed = credentials("dev");

    assertThat(tokenCalls()).isEqualTo(1);
    LoginToken cached = cache.read(settings.session()).orElseThrow();
    assertThat(cached.refreshToken()).isNotEqualTo(first.refreshToken());
    assertThat(cached.credentials().accessKeyId()).isEqualTo(refreshed.accessKeyId());
    assertThat(cached.idToken()).as("put back after the SDK's write").isEqualTo(first.idToken());
    assertThat(refreshed.expiration()).isAfter(clock.instant().plus(Duration.ofMinutes(14)));
    assertThat(refreshed.accountId()).isEqualTo(first.credentials().accountId());

    clock.advance(Duration.ofMinutes(11));
    AwsCredentials again = credentials("dev");

    assertThat(tokenCalls()).as("the rotated token was taken").isEqualTo(2);
    assertThat(again.accessKeyId()).isNotEqualTo(refreshed.accessKeyId());
    assertThat(callerArn(again)).isEqualTo(sim.signin().userArn());
    assertThat(status().state()).isEqualTo("SignedIn");
    assertThat(status().lastError()).isNull();
  }

  @Test
  void timer_refreshesFiveMinutesBeforeExpiry_withoutACaller() throws Exception {
    signedIn(Duration.ofMinutes(6));
    AwsCredentials first = credentials("dev");
    assertThat(tokenCalls()).isZero();

    clock.advance(Duration.ofMinutes(1).plusSeconds(1));

    // The timer looks at the clock at least every 15 s.
    Polling.until(
        vertx,
        () -> status().times().expires().isAfter(first.expiration()),
        Duration.ofSeconds(30));
    assertThat(tokenCalls()).isEqualTo(1);
    assertThat(credentials("dev").accessKeyId()).isNotEqualTo(first.accessKeyId());
    assertThat(tokenCalls()).isEqualTo(1);
  }

  @Test
  void concurrentCallers_ofOneSession_causeOneRefresh() throws Exception {
    signedIn(Duration.ofMinutes(2));

    List<Future<AwsCredentials>> all =
        IntStream.range(0, 6).mapToObj(i -> sessions.credentials("profile" + i, settings)).toList();
    await(Future.all(all));

    assertThat(tokenCalls()).isEqualTo(1);
    assertThat(all.stream().map(f -> f.result().accessKeyId()).distinct()).hasSize(1);
    all.forEach(f -> remember(f.result()));
    assertThat(status().profiles()).hasSize(6);
  }

  @Test
  void sessionRefreshedByAnotherTool_isTakenFromTheCache_withoutACall() throws Exception {
    signedIn(Duration.ofMinutes(6));
    AwsCredentials mine = credentials("dev");
    assertThat(tokenCalls()).as("the cached session was fresh").isZero();

    try (SigninClient client =
            SigninClient.builder()
                .endpointOverride(sim.endpoint())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(
                    software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider.create())
                .httpClient(
                    software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .build();
        LoginCredentialsProvider sdk =
            LoginCredentialsProvider.builder()
                .signinClient(client)
                .loginSession(settings.session())
                .tokenCacheLocation(cache.dir())
                .asyncCredentialUpdateEnabled(false)
                .prefetchTime(Duration.ofHours(1))
                .build()) {
      sdk.resolveCredentials();
    }
    assertThat(tokenCalls()).isEqualTo(1);
    String theirs = cache.read(settings.session()).orElseThrow().credentials().accessKeyId();

    clock.advance(Duration.ofMinutes(2));
    AwsCredentials adopted = credentials("dev");

    assertThat(tokenCalls()).isEqualTo(1);
    assertThat(adopted.accessKeyId()).isEqualTo(theirs).isNotEqualTo(mine.accessKeyId());
  }

  @Test
  void passwordChanged_lastGoodWhileValid_announcedOnce_thenLoginRequired() throws Exception {
    refusedRefresh(() -> sim.signin().changePassword(), "USER_CREDENTIALS_CHANGED");
  }

  @Test
  void sessionEnded_lastGoodWhileValid_announcedOnce_thenLoginRequired() throws Exception {
    refusedRefresh(() -> sim.signin().endSessions(), "TOKEN_EXPIRED");
  }

  @Test
  void cacheEntryRemoved_likeAwsLogout_lastGoodWhileValid_thenLoginRequired() throws Exception {
    refusedRefresh(
        () -> {
          try {
            Files.delete(cache.fileFor(settings.session()));
          } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        },
        "no signed-in session");
  }

  private void refusedRefresh(Runnable refuse, String why) throws Exception {
    signedIn(Duration.ofMinutes(15));
    AwsCredentials first = credentials("dev");
    refuse.run();

    clock.advance(Duration.ofMinutes(11));
    assertThat(credentials("dev")).as("last known good").isEqualTo(first);
    int calls = tokenCalls();
    assertThat(credentials("dev")).isEqualTo(first);

    assertThat(tokenCalls()).as("a refused token is not tried again").isEqualTo(calls);
    assertThat(prompter.needs).hasSize(1);
    assertThat(prompter.needs.get(0).name()).isEqualTo("dev");
    assertThat(prompter.needs.get(0).label()).isEqualTo(settings.label());
    assertThat(prompter.needs.get(0).neededBy()).isEqualTo(first.expiration());
    assertThat(status().lastError()).contains(why);
    assertThat(status().times().signInNeededBy()).isEqualTo(first.expiration());
    assertThat(status().state())
        .as("only a sign-in helps, though the last good is served")
        .isEqualTo("SignInNeeded");

    clock.advance(Duration.ofMinutes(5));
    StsFailureException refused = refused("dev");

    assertThat(refused.failure().kind()).isEqualTo(FailureKind.FATAL);
    assertThat(refused.failure().code()).isEqualTo(LoginSource.LOGIN_REQUIRED);
    assertThat(refused.failure().message())
        .contains("rolekeeper login dev")
        .contains("aws login --profile dev")
        .contains(why);
    assertThat(prompter.needs).as("announced once").hasSize(1);
    assertThat(status().state()).isEqualTo("SignInNeeded");
  }

  @Test
  void outage_lastGoodWhileValid_thenRetryable_andBackAfterwards() throws Exception {
    signedIn(Duration.ofMinutes(15));
    AwsCredentials first = credentials("dev");
    await(sim.outage(true));

    clock.advance(Duration.ofMinutes(11));
    assertThat(credentials("dev")).isEqualTo(first);
    assertThat(status().lastError()).contains("could not be reached");

    clock.advance(Duration.ofMinutes(5));
    StsFailureException down = refused("dev");
    assertThat(down.failure().kind()).isEqualTo(FailureKind.RETRYABLE);
    assertThat(down.failure().code()).isEqualTo("Unreachable");
    assertThat(prompter.needs).as("no sign-in helps").isEmpty();

    await(sim.outage(false));
    AwsCredentials back = credentials("dev");
    assertThat(back.accessKeyId()).isNotEqualTo(first.accessKeyId());
    assertThat(callerArn(back)).isEqualTo(sim.signin().userArn());
  }

  @Test
  void neverSignedIn_loginRequired_namingBothCommands_andAnnouncedOnce() throws Exception {
    StsFailureException refused = refused("dev");

    assertThat(refused.failure().code()).isEqualTo(LoginSource.LOGIN_REQUIRED);
    assertThat(refused.failure().message())
        .contains(settings.label())
        .contains("rolekeeper login dev")
        .contains("aws login --profile dev");
    refused("dev");
    assertThat(prompter.needs).hasSize(1);
    assertThat(tokenCalls()).isZero();
    assertThat(status().state()).isEqualTo("SignInNeeded");
  }
}
