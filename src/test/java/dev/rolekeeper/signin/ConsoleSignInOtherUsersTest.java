package dev.rolekeeper.signin;

import static dev.rolekeeper.signin.ConsoleSignInTest.assertListenerClosed;
import static dev.rolekeeper.signin.ConsoleSignInTest.await;
import static dev.rolekeeper.signin.ConsoleSignInTest.directClients;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rolekeeper.CapturedLogs;
import dev.rolekeeper.Polling;
import dev.rolekeeper.listen.DiagSockets;
import dev.rolekeeper.os.OtherUser;
import dev.rolekeeper.profiles.LoginSettings;
import dev.rolekeeper.sandbox.SimulatorConfig;
import dev.rolekeeper.sandbox.StsSimulator;
import dev.rolekeeper.signin.BrowserSignIn.Attempt;
import dev.rolekeeper.signin.ConsoleSignInException.Reason;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another local user, a real second Unix account running curl, who has read a sign-in's redirect
 * port and state (they are in the authorization URL, on the browser's command line), cannot answer
 * the sign-in for the owner: the connection is closed unanswered, the sign-in still waits, and the
 * owner's browser then completes it. A user named in {@code listen.allowUsers} is heard.
 */
@ExtendWith(VertxExtension.class)
class ConsoleSignInOtherUsersTest {

  @TempDir Path cacheDir;

  @RegisterExtension final CapturedLogs logs = new CapturedLogs();

  private StsSimulator sim;
  private LoginCache cache;
  private final AuthorizePage browser = new AuthorizePage();

  @BeforeEach
  void start(Vertx vertx) throws Exception {
    sim = new StsSimulator(SimulatorConfig.demo());
    await(sim.start(vertx, 0));
    cache = new LoginCache(cacheDir.resolve("login"));
  }

  @AfterEach
  void stop() throws Exception {
    await(sim.stop());
  }

  @Test
  void otherUser_deniesWithTheRealState_connectionClosedUnanswered_ownerStillSignsIn(Vertx vertx)
      throws Exception {
    OtherUser other = OtherUser.require();
    long gates = DiagSockets.listed() ? DiagSockets.open() : 0;
    Attempt attempt = start(vertx, Set.of());
    if (DiagSockets.listed()) {
      assertThat(diagSockets()).as("the listener's gate").isEqualTo(gates + 1);
    }
    String forged =
        callback(attempt.authorizeUrl()) + "?error=access_denied&state=" + state(attempt);

    OtherUser.Result curl = other.run("curl", "-sS", "--max-time", "10", forged);

    assertThat(curl.exit()).as("curl as %s: %s", OtherUser.NAME, curl.err()).isIn(52, 56);
    assertThat(curl.out()).isEmpty();
    assertThat(logs.lines())
        .anySatisfy(
            line ->
                assertThat(line)
                    .contains("refused a connection from user " + OtherUser.NAME)
                    .contains("on port " + URI.create(forged).getPort()));
    assertThat(attempt.done().isComplete()).as("the sign-in still waits").isFalse();

    String callback = browser.decide(attempt.authorizeUrl(), "approve");
    HttpResponse<String> page = browser.get(callback);
    LoginToken token = await(attempt.done());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Sign-in received");
    assertThat(cache.read(sim.signin().userArn())).contains(token);
    assertListenerClosed(vertx, callback);
    if (DiagSockets.listed()) {
      // the listener's gate closed its netlink socket with it
      Polling.until(vertx, () -> diagSockets() == gates, Duration.ofSeconds(10));
    }
  }

  @Test
  void allowedUser_sameDenial_isHeard(Vertx vertx) throws Exception {
    OtherUser other = OtherUser.require();
    Attempt attempt = start(vertx, Set.of(other.uid()));
    String denial =
        callback(attempt.authorizeUrl()) + "?error=access_denied&state=" + state(attempt);

    OtherUser.Result curl = other.run("curl", "-sS", "--max-time", "10", denial);

    assertThat(curl.exit()).as("curl as %s: %s", OtherUser.NAME, curl.err()).isZero();
    assertThat(curl.out()).contains("Sign-in denied");
    Throwable failed = catchThrowable(() -> await(attempt.done()));
    assertThat(failed.getCause()).isInstanceOf(ConsoleSignInException.class);
    assertThat(((ConsoleSignInException) failed.getCause()).reason()).isEqualTo(Reason.DENIED);
    assertThat(cache.dir()).doesNotExist();
  }

  private Attempt start(Vertx vertx, Set<Integer> allowUids) throws Exception {
    return await(
        new ConsoleSignIn(vertx, cache, directClients(), allowUids)
            .start(
                new LoginSettings(
                    sim.signin().userArn(), "eu-west-1", sim.endpoint().toString(), null)));
  }

  /** The redirect URI the authorization URL names: the listener's callback page. */
  private static String callback(String authorizeUrl) {
    return URLDecoder.decode(query(authorizeUrl, "redirect_uri"), StandardCharsets.UTF_8);
  }

  /** This attempt's state, as anyone who reads the authorization URL learns it. */
  private static String state(Attempt attempt) {
    return query(attempt.authorizeUrl(), "state");
  }

  private static String query(String url, String name) {
    return URI.create(url).getRawQuery().replaceAll("(?:^|.*&)" + name + "=([^&]*).*", "$1");
  }

  private static long diagSockets() {
    try {
      return DiagSockets.open();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
