package dev.rolekeeper.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.Polling;
import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.session.LoginSource;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** Asking for the next sign-in ahead, and running it through the browser. */
class ConsoleSessionsSignInTest extends ConsoleTestSupport {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void startSignIn_adoptsTheNewSession_andTellsTheListeners() throws Exception {
    refused("dev");
    List<String> told = new CopyOnWriteArrayList<>();
    sessions.onSignedIn(told::add);

    ConsoleSessions.Started started = await(sessions.startSignIn("dev", false));

    assertThat(started.session()).isEqualTo(settings.session());
    assertThat(started.profiles()).containsExactly("dev");
    assertThat(started.authorizeUrl()).startsWith(sim.endpoint() + "/v1/authorize?");
    Polling.until(vertx, () -> !told.isEmpty(), WAIT);
    assertThat(told).containsExactly(settings.session());
    AwsCredentials keys = credentials("dev");
    assertThat(callerArn(keys)).isEqualTo(sim.signin().userArn());
    assertThat(tokenCalls()).as("the code grant only").isEqualTo(1);
    assertThat(prompter.opened).isEmpty();
    ConsoleSessionStatus status = status();
    assertThat(status.state()).isEqualTo("SignedIn");
    assertThat(status.lastError()).isNull();
    assertThat(status.lastSignIn())
        .isEqualTo(
            new ConsoleSessionStatus.LastSignIn(
                started.attempt(), started.startedAt(), clock.instant(), null));
    assertThat(status.lastSignIn().ok()).isTrue();
    assertThat(status.times().sessionEnds())
        .isBetween(
            clock.instant().plus(Duration.ofHours(12)).minusSeconds(60),
            clock.instant().plus(Duration.ofHours(12)).plusSeconds(60));
  }

  @Test
  void startSignIn_byProfileSessionOrNone_joinsTheOneUnderWay() throws Exception {
    refused("dev");
    refused("ops");
    Promise<Void> approval = console.holdApproval();

    ConsoleSessions.Started first = await(sessions.startSignIn(null, false));
    ConsoleSessions.Started bySession = await(sessions.startSignIn(settings.session(), false));
    ConsoleSessions.Started byProfile = await(sessions.startSignIn("ops", false));

    assertThat(bySession).isEqualTo(first).isEqualTo(byProfile);
    assertThat(first.profiles()).containsExactly("dev", "ops");
    assertThat(console.started).isEqualTo(1);
    assertThat(status().state()).isEqualTo("SigningIn");
    approval.complete();
    Polling.until(vertx, () -> status().state().equals("SignedIn"), WAIT);
  }

  @Test
  void startSignIn_unknownName_isIllegalArgument() throws Exception {
    refused("dev");

    try {
      await(sessions.startSignIn("prod", false));
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      assertThat(e.getCause())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("prod");
    }
  }

  @Test
  void announcement_action_startsTheSignIn_andOpensTheBrowser() throws Exception {
    refused("dev");
    assertThat(prompter.actions).hasSize(1);

    prompter.actions.get(0).run();

    Polling.until(vertx, () -> !prompter.opened.isEmpty(), WAIT);
    assertThat(prompter.opened.get(0)).startsWith(sim.endpoint() + "/v1/authorize?");
    Polling.until(vertx, () -> status().state().equals("SignedIn"), WAIT);
    assertThat(callerArn(credentials("dev"))).isEqualTo(sim.signin().userArn());
  }

  @Test
  void deniedSignIn_isTheLastError_andTheSignInIsStillNeeded() throws Exception {
    refused("dev");
    console.decision = "deny";

    await(sessions.startSignIn("dev", false));

    Polling.until(vertx, () -> status().lastError() != null, WAIT);
    assertThat(status().lastError()).startsWith("sign-in failed");
    assertThat(status().state()).isEqualTo("SignInNeeded");
    assertThat(status().lastSignIn().ok()).isFalse();
    assertThat(status().lastSignIn().error()).isEqualTo(status().lastError());
    assertThat(refused("dev").failure().code()).isEqualTo(LoginSource.LOGIN_REQUIRED);
  }

  @Test
  void deniedSignIn_whileTheSessionStillRefreshes_staysSignedIn_butItsOutcomeIsTheFailure()
      throws Exception {
    signedIn(Duration.ofHours(1));
    credentials("dev");
    console.decision = "deny";

    ConsoleSessions.Started first = await(sessions.startSignIn("dev", false));
    Polling.until(vertx, () -> status().lastSignIn() != null, WAIT);

    assertThat(status().state()).isEqualTo("SignedIn");
    assertThat(status().lastSignIn().attempt()).isEqualTo(first.attempt());
    assertThat(status().lastSignIn().ok()).isFalse();
    assertThat(status().lastSignIn().error()).contains("denied");
    assertThat(sessions.statusJson().getJsonObject(0).getJsonObject("lastSignIn").getMap())
        .containsEntry("attempt", first.attempt())
        .containsEntry("ok", false)
        .containsKeys("started", "finished", "error");

    console.decision = "approve";
    ConsoleSessions.Started second = await(sessions.startSignIn("dev", false));
    assertThat(second.attempt()).isGreaterThan(first.attempt());
    Polling.until(vertx, () -> status().lastSignIn().attempt() == second.attempt(), WAIT);
    assertThat(status().lastSignIn().ok()).isTrue();
  }

  @Test
  void sessionEnd_fromTheIdTokensIat_isAnnouncedLeadAhead_once() throws Exception {
    LoginToken token = signedIn(Duration.ofMinutes(15));
    Instant iat =
        clock
            .instant()
            .minus(Duration.ofHours(12))
            .plusSeconds(300)
            .truncatedTo(ChronoUnit.SECONDS);
    cache.write(settings.session(), withIdToken(token, idToken(iat)));

    credentials("dev");
    credentials("dev");

    assertThat(tokenCalls()).isZero();
    assertThat(prompter.needs).hasSize(1);
    assertThat(prompter.needs.get(0).neededBy()).isEqualTo(iat.plus(Duration.ofHours(12)));
    assertThat(prompter.needs.get(0).name()).isEqualTo("dev");
    assertThat(status().times().sessionEnds()).isEqualTo(iat.plus(Duration.ofHours(12)));
    assertThat(status().times().signInNeededBy()).isEqualTo(iat.plus(Duration.ofHours(12)));
    assertThat(status().state()).isEqualTo("SignedIn");
  }

  @Test
  void sessionEnd_withoutIdToken_countsFromWhenTheSessionWasFirstSeen() throws Exception {
    LoginToken token = signedIn(Duration.ofMinutes(15));
    Files.delete(cache.fileFor(settings.session()));
    cache.write(settings.session(), withIdToken(token, null));
    Instant seen = clock.instant();

    credentials("dev");
    assertThat(prompter.needs).isEmpty();
    assertThat(status().times().sessionEnds()).isEqualTo(seen.plus(Duration.ofHours(12)));

    clock.advance(Duration.ofHours(12).minus(LEAD).plusSeconds(60));
    credentials("dev");

    assertThat(tokenCalls()).as("refreshed: same sign-in, same estimate").isEqualTo(1);
    assertThat(prompter.needs).hasSize(1);
    assertThat(prompter.needs.get(0).neededBy()).isEqualTo(seen.plus(Duration.ofHours(12)));
  }

  private static LoginToken withIdToken(LoginToken token, String idToken) {
    return new LoginToken(
        token.credentials(), token.refreshToken(), token.clientId(), token.dpopKey(), idToken);
  }

  /** An ID token as the service issues it; only its {@code iat} matters (it is not verified). */
  private static String idToken(Instant iat) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = "{\"alg\":\"ES256\",\"typ\":\"JWT\"}";
    String claims = new JsonObject().put("sub", "x").put("iat", iat.getEpochSecond()).encode();
    return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8))
        + ".c2lnbmF0dXJl";
  }
}
