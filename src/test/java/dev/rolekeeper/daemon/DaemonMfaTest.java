package dev.rolekeeper.daemon;

import static dev.rolekeeper.daemon.RunningDaemon.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.mfa.MfaPrompt;
import dev.rolekeeper.sandbox.CallerIdentity;
import dev.rolekeeper.sandbox.DemoAccount;
import dev.rolekeeper.sandbox.Totp;
import dev.rolekeeper.session.Eventually;
import dev.rolekeeper.session.SessionDirectory.Lookup;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * MFA end to end: the daemon serving {@code demo-admin} (a shared MFA session plan) against the
 * simulator's TOTP device; codes arrive through the control route, the web page and {@code
 * mfa_process}.
 */
@ExtendWith(VertxExtension.class)
class DaemonMfaTest {

  private static final String ADMIN_ARN =
      "arn:aws:sts::111122223333:assumed-role/admin/rolekeeper-demo-admin";
  private static final List<String> PROFILES =
      List.of(DemoAccount.MFA_PROFILE, DemoAccount.DEV_PROFILE);
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
  private static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path home;

  private Vertx vertx;
  private RunningDaemon running;
  private HttpClient http;
  private Context context;
  private String adminToken;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    http = vertx.createHttpClient();
    context = vertx.getOrCreateContext();
  }

  @AfterEach
  void tearDown() throws Exception {
    await(http.close());
    if (running != null) {
      running.stop();
    }
  }

  private record Answer(int status, String body) {
    JsonObject json() {
      return new JsonObject(body);
    }
  }

  private void start(Map<String, String> extraEnv) throws Exception {
    running = RunningDaemon.prepare(vertx, home, PROFILES, extraEnv).startDaemon(vertx);
    adminToken = running.daemon.tokens().clientToken(List.of(DemoAccount.MFA_PROFILE)).token();
  }

  private Answer send(HttpMethod method, String path, MultiMap headers, String body)
      throws Exception {
    RequestOptions options =
        new RequestOptions()
            .setMethod(method)
            .setHost("127.0.0.1")
            .setPort(running.daemon.port())
            .setURI(path)
            .setHeaders(headers);
    // Driven from one Vert.x context: from the JUnit thread a response can complete before its body
    // handler is set.
    Promise<Answer> answer = Promise.promise();
    context.runOnContext(
        v ->
            http.request(options)
                .compose(request -> request.send(Buffer.buffer(body)))
                .compose(
                    response ->
                        response.body().map(b -> new Answer(response.statusCode(), b.toString())))
                .onComplete(answer));
    return await(answer.future());
  }

  private Answer container() throws Exception {
    return send(
        HttpMethod.GET,
        "/v1/credentials/" + DemoAccount.MFA_PROFILE,
        MultiMap.caseInsensitiveMultiMap().add("Authorization", adminToken),
        "");
  }

  private Answer controlMfa(String code) throws Exception {
    MultiMap headers =
        MultiMap.caseInsensitiveMultiMap()
            .add("Content-Type", "application/json")
            .add("Authorization", running.daemon.tokens().controlToken());
    return send(
        HttpMethod.POST, "/control/mfa", headers, new JsonObject().put("code", code).encode());
  }

  private Answer postForm(String path, String origin, String code, String csrf) throws Exception {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("code", code);
    fields.put("device", DemoAccount.MFA_DEVICE);
    fields.put("csrf", csrf);
    String body =
        fields.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    MultiMap headers =
        MultiMap.caseInsensitiveMultiMap()
            .add("Content-Type", "application/x-www-form-urlencoded")
            .add("Origin", origin);
    return send(HttpMethod.POST, path, headers, body);
  }

  private String currentCode() {
    return Totp.generate(running.account.mfaSecret(), Instant.now());
  }

  /** A code STS refuses: none of the codes of the nearby 30-second steps. */
  private String wrongCode() {
    List<String> near = new ArrayList<>();
    for (int step = -2; step <= 2; step++) {
      near.add(
          Totp.generate(
              running.account.mfaSecret(), Instant.now().plus(Totp.STEP.multipliedBy(step))));
    }
    return java.util.stream.IntStream.range(0, 10)
        .mapToObj(i -> String.format("%06d", i))
        .filter(code -> !near.contains(code))
        .findFirst()
        .orElseThrow();
  }

  private MfaPrompt awaitPrompt() throws Exception {
    await(
        Eventually.until(
            vertx, () -> !running.daemon.parts().mfa().prompts().pending().isEmpty(), WAIT));
    return running.daemon.parts().mfa().prompts().pending().get(0);
  }

  private String sameOrigin() {
    return "http://127.0.0.1:" + running.daemon.port();
  }

  /**
   * Waits until the container endpoint serves demo-admin, then signs GetCallerIdentity with what it
   * served.
   */
  private String adminCallerArn() throws Exception {
    await(
        Eventually.until(
            vertx,
            () ->
                running.daemon.sessions().lookup(DemoAccount.MFA_PROFILE)
                    instanceof Lookup.Available,
            WAIT));
    Answer served = container();
    assertThat(served.status()).isEqualTo(200);
    JsonObject keys = served.json();
    return running.callerArn(CallerIdentity.containerKeys(keys));
  }

  @Test
  void mfaProfile_noCodeYet_503NamingTheDevice_controlRouteCodeThenServedAsAdmin()
      throws Exception {
    start(Map.of());
    MfaPrompt prompt = awaitPrompt();
    assertThat(prompt.device()).isEqualTo(DemoAccount.MFA_DEVICE);
    assertThat(prompt.profiles()).containsExactly(DemoAccount.MFA_PROFILE);

    Answer waiting = container();
    assertThat(waiting.status()).isEqualTo(503);
    assertThat(waiting.json().getString("code")).isEqualTo("MfaRequired");
    assertThat(waiting.json().getString("message"))
        .contains(DemoAccount.MFA_DEVICE, "rolekeeper mfa");
    await(
        Eventually.until(
            vertx,
            () ->
                running.daemon.sessions().lookup(DemoAccount.DEV_PROFILE)
                    instanceof Lookup.Available,
            WAIT));
    assertThat(container().status())
        .as("still waiting while other profiles are served")
        .isEqualTo(503);

    String wrong = wrongCode();
    Answer refused = controlMfa(wrong);
    assertThat(refused.status()).as("rolekeeper mfa learns STS's verdict").isEqualTo(409);
    assertThat(refused.json().getString("code")).isEqualTo("CodeRefused");
    awaitPrompt();

    String code = currentCode();
    Answer submitted = controlMfa(code);
    assertThat(submitted.status()).isEqualTo(200);
    assertThat(submitted.json().getString("device")).isEqualTo(DemoAccount.MFA_DEVICE);
    assertThat(submitted.json().getString("message"))
        .contains("profile " + DemoAccount.MFA_PROFILE + " has a session until");
    assertThat(submitted.body()).doesNotContain(code);

    assertThat(adminCallerArn()).isEqualTo(ADMIN_ARN);
    assertThat(running.simulator.calls("GetSessionToken")).isEqualTo(2);
    assertThat(running.daemon.parts().mfa().prompts().pending()).isEmpty();
  }

  @Test
  void webPage_forgedCsrfAndForeignOriginRefused_thenTheFormsCodeServesAdmin() throws Exception {
    start(Map.of());
    MfaPrompt prompt = awaitPrompt();
    String url = running.daemon.parts().mfa().webLink(prompt.device()).orElseThrow();
    assertThat(url).startsWith(sameOrigin() + "/mfa/");
    String path = url.substring(sameOrigin().length());

    Answer page = send(HttpMethod.GET, path, MultiMap.caseInsensitiveMultiMap(), "");
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.body())
        .contains(DemoAccount.MFA_DEVICE, DemoAccount.MFA_PROFILE, "name=\"code\"");
    Matcher csrf = CSRF.matcher(page.body());
    assertThat(csrf.find()).as("CSRF field in the page").isTrue();

    Answer forged = postForm(path, sameOrigin(), currentCode(), "forged-" + csrf.group(1));
    Answer foreign = postForm(path, "http://evil.example", currentCode(), csrf.group(1));
    assertThat(forged.status()).isEqualTo(403);
    assertThat(foreign.status()).isEqualTo(403);
    assertThat(running.simulator.calls("GetSessionToken"))
        .as("refused posts reach no STS")
        .isZero();
    assertThat(container().status()).isEqualTo(503);

    Answer accepted = postForm(path, sameOrigin(), currentCode(), csrf.group(1));
    assertThat(accepted.status()).isEqualTo(200);
    assertThat(adminCallerArn()).isEqualTo(ADMIN_ARN);
    assertThat(send(HttpMethod.GET, path, MultiMap.caseInsensitiveMultiMap(), "").status())
        .as("the link is spent")
        .isEqualTo(404);
  }

  @Test
  void webPage_sixBadCodes_linkLockedEvenForTheRightCodeAndStillWaiting() throws Exception {
    start(Map.of());
    MfaPrompt prompt = awaitPrompt();
    String path =
        running
            .daemon
            .parts()
            .mfa()
            .webLink(prompt.device())
            .orElseThrow()
            .substring(sameOrigin().length());
    Matcher csrf =
        CSRF.matcher(send(HttpMethod.GET, path, MultiMap.caseInsensitiveMultiMap(), "").body());
    assertThat(csrf.find()).isTrue();

    List<Integer> statuses = new ArrayList<>();
    for (String bad : List.of("1", "abcdef", "1234567", "12 456", "", "99999")) {
      statuses.add(postForm(path, sameOrigin(), bad, csrf.group(1)).status());
    }
    Answer right = postForm(path, sameOrigin(), currentCode(), csrf.group(1));

    assertThat(statuses).containsExactly(400, 400, 400, 400, 429, 429);
    assertThat(right.status()).isEqualTo(429);
    assertThat(running.daemon.parts().mfa().prompts().pending()).hasSize(1);
    assertThat(running.simulator.calls("GetSessionToken")).isZero();
    assertThat(container().json().getString("code")).isEqualTo("MfaRequired");
  }

  @Test
  void promptTimesOut_503SaysNoCodeCame_askedAgainAfterTheRetryDelayAndThatCodeServes()
      throws Exception {
    start(Map.of("ROLEKEEPER_MFA_PROMPTTIMEOUT", "1s"));
    awaitPrompt();

    // The prompt leaves the registry a moment before the session has taken in that no code came.
    await(
        Eventually.until(
            vertx,
            () ->
                running.daemon.sessions().lookup(DemoAccount.MFA_PROFILE)
                        instanceof Lookup.Unavailable u
                    && u.message().contains("no MFA code was given"),
            WAIT));
    Answer timedOut = container();
    assertThat(timedOut.status()).isEqualTo(503);
    assertThat(timedOut.json().getString("code")).isEqualTo("MfaRequired");
    assertThat(timedOut.json().getString("message")).contains("no MFA code was given");
    assertThat(running.simulator.calls("GetSessionToken")).isZero();

    awaitPrompt();
    assertThat(controlMfa(currentCode()).status()).isEqualTo(200);
    assertThat(adminCallerArn()).isEqualTo(ADMIN_ARN);
  }

  private Map<String, String> processSettings(String command, String timeout) {
    return Map.of(
        "ROLEKEEPER_MFA_PROCESS",
        command,
        "ROLEKEEPER_MFA_PROMPTS",
        "process,web,cli",
        "ROLEKEEPER_MFA_PROCESSTIMEOUT",
        timeout);
  }

  /**
   * A command printing the demo device's current code, as {@code ykman oath accounts code --single}
   * would.
   */
  private String totpCommand(Path secretFile) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return "'"
        + java
        + "' -cp '"
        + System.getProperty("java.class.path")
        + "' "
        + TotpPrinter.class.getName()
        + " '"
        + secretFile
        + "'";
  }

  @Test
  void mfaProcess_printsTheCode_sessionObtainedWithNobodyAsked() throws Exception {
    Path secretFile = home.resolve("mfa-secret");
    running =
        RunningDaemon.prepare(
            vertx, home, PROFILES, processSettings(totpCommand(secretFile), "30s"));
    Files.writeString(secretFile, running.account.mfaSecret());
    running.startDaemon(vertx);
    adminToken = running.daemon.tokens().clientToken(List.of(DemoAccount.MFA_PROFILE)).token();

    assertThat(adminCallerArn()).isEqualTo(ADMIN_ARN);
    assertThat(running.simulator.calls("GetSessionToken")).isEqualTo(1);
    assertThat(running.daemon.parts().mfa().prompts().pending()).isEmpty();
  }

  @Test
  void profileMfaProcess_inTheAwsConfig_usedForItsDeviceWithoutASettingsCommand() throws Exception {
    Path secretFile = home.resolve("mfa-secret");
    running =
        RunningDaemon.prepare(
            vertx, home, PROFILES, Map.of("ROLEKEEPER_MFA_PROMPTS", "process,web,cli"));
    Files.writeString(secretFile, running.account.mfaSecret());
    // [profile demo-admin] is the last section of the demo's config file: the key lands in it.
    Files.writeString(
        home.resolve(".aws/config"),
        "mfa_process = " + totpCommand(secretFile) + "\n",
        StandardOpenOption.APPEND);
    running.startDaemon(vertx);
    adminToken = running.daemon.tokens().clientToken(List.of(DemoAccount.MFA_PROFILE)).token();

    assertThat(adminCallerArn()).isEqualTo(ADMIN_ARN);
    assertThat(running.simulator.calls("GetSessionToken")).isEqualTo(1);
  }

  @Test
  void mfaProcess_fails_fallsThroughToTheCliWay() throws Exception {
    start(processSettings("echo 'no token inserted' >&2; exit 3", "10s"));
    MfaPrompt prompt = awaitPrompt();
    assertThat(prompt.device()).isEqualTo(DemoAccount.MFA_DEVICE);
    assertThat(container().json().getString("code")).isEqualTo("MfaRequired");

    assertThat(controlMfa(currentCode()).status()).isEqualTo(200);
    assertThat(adminCallerArn()).isEqualTo(ADMIN_ARN);
  }

  @Test
  void mfaProcess_hangs_killedAtItsTimeoutAndThePromptStillTakesACode() throws Exception {
    start(processSettings("sleep 347", "1s"));
    awaitPrompt();
    await(Eventually.until(vertx, () -> hangingChildren() > 0, WAIT));

    await(Eventually.until(vertx, () -> hangingChildren() == 0, WAIT));
    assertThat(running.daemon.parts().mfa().prompts().pending()).hasSize(1);
    assertThat(container().json().getString("code")).isEqualTo("MfaRequired");

    assertThat(controlMfa(currentCode()).status()).isEqualTo(200);
    assertThat(adminCallerArn()).isEqualTo(ADMIN_ARN);
  }

  private static long hangingChildren() {
    return ProcessHandle.current()
        .descendants()
        .filter(p -> p.info().arguments().map(args -> List.of(args).contains("347")).orElse(false))
        .count();
  }
}
