package dev.rolekeeper.signin;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.crypto.Sha256;
import dev.rolekeeper.profiles.LoginSettings;
import dev.rolekeeper.sandbox.DemoAccount;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.signin.SigninClient;
import software.amazon.awssdk.services.signin.internal.DpopAuthPlugin;
import software.amazon.awssdk.services.signin.model.CreateOAuth2TokenResponseBody;

/**
 * What {@code aws login} and the person at the browser do against the simulated Sign-In service:
 * the authorize page opened and approved with plain HTTP (the redirect to the loopback callback is
 * read from {@code Location}, not followed), then the code grant through the SDK's own client with
 * a fresh DPoP key, written to the login cache. As a {@link BrowserSignIn}, the approval happens by
 * itself once {@link #release} allows it (at once by default).
 */
final class SimulatedConsole implements BrowserSignIn, AutoCloseable {

  static final String CLIENT = "arn:aws:signin:::devtools/same-device";
  static final String CALLBACK = "http://127.0.0.1:45678/oauth/callback";

  private final Vertx vertx;
  private final URI base;
  private final LoginCache cache;
  private final HttpClient http = HttpClient.newHttpClient();
  private final SigninClient client;
  private volatile Future<Void> approval = Future.succeededFuture();
  volatile String decision = "approve";
  volatile int started;

  SimulatedConsole(Vertx vertx, URI base, LoginCache cache) {
    this.vertx = vertx;
    this.base = base;
    this.cache = cache;
    this.client =
        SigninClient.builder()
            .endpointOverride(base)
            .region(Region.US_EAST_1)
            .credentialsProvider(AnonymousCredentialsProvider.create())
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  /** From now on the person approves only once the returned promise completes. */
  Promise<Void> holdApproval() {
    Promise<Void> gate = Promise.promise();
    approval = gate.future();
    return gate;
  }

  @Override
  public Future<Attempt> start(LoginSettings settings) {
    started++;
    String verifier = "v".repeat(20) + UUID.randomUUID().toString().replace("-", "");
    String url = authorizeUrl(verifier, UUID.randomUUID().toString());
    Future<LoginToken> done =
        approval.compose(
            v ->
                vertx.executeBlocking(
                    () -> {
                      LoginToken token = redeem(approve(url), verifier);
                      cache.write(settings.session(), token);
                      return token;
                    },
                    false));
    return Future.succeededFuture(new Attempt(url, done));
  }

  /** A whole sign-in, blocking: the session as {@code aws login} gets it (not yet cached). */
  LoginToken signIn() throws Exception {
    String verifier = "v".repeat(20) + UUID.randomUUID().toString().replace("-", "");
    return redeem(approve(authorizeUrl(verifier, "state-1")), verifier);
  }

  private String authorizeUrl(String verifier, String state) {
    String challenge =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(Sha256.of(verifier.getBytes(StandardCharsets.US_ASCII)));
    return base
        + "/v1/authorize?response_type=code&client_id="
        + encode(CLIENT)
        + "&state="
        + state
        + "&code_challenge_method=SHA-256&scope=openid&redirect_uri="
        + encode(CALLBACK)
        + "&code_challenge="
        + challenge;
  }

  /** Opens the page, presses the button, and returns the code the redirect carries. */
  private String approve(String url) throws Exception {
    String page =
        http.send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    String request = page.replaceAll("(?s).*name=\"request\" value=\"([^\"]+)\".*", "$1");
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/v1/authorize"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "request=" + encode(request) + "&decision=" + decision))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String location = answer.headers().firstValue("Location").orElseThrow();
    for (String pair : URI.create(location).getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      if (kv[0].equals("code")) {
        return URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
      }
    }
    throw new IllegalStateException("the sign-in was denied");
  }

  /** The code grant, with the SDK's DPoP signing and a fresh key, as the session to cache. */
  private LoginToken redeem(String code, String verifier) {
    String dpopKey = DpopKeys.sec1Pem(DpopKeys.generate());
    CreateOAuth2TokenResponseBody out =
        client
            .createOAuth2Token(
                r ->
                    r.tokenInput(
                            t ->
                                t.clientId(CLIENT)
                                    .grantType("authorization_code")
                                    .code(code)
                                    .codeVerifier(verifier)
                                    .redirectUri(CALLBACK))
                        .overrideConfiguration(c -> c.addPlugin(DpopAuthPlugin.create(dpopKey))))
            .tokenOutput();
    String account = DemoAccount.ACCOUNT;
    AwsCredentials credentials =
        new AwsCredentials(
            out.accessToken().accessKeyId(),
            out.accessToken().secretAccessKey(),
            out.accessToken().sessionToken(),
            Instant.now().plusSeconds(out.expiresIn()),
            account);
    return new LoginToken(credentials, out.refreshToken(), CLIENT, dpopKey, out.idToken());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    client.close();
  }
}
