package dev.rolekeeper.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What {@code aws login} and the person at the browser do against the simulated Sign-In service:
 * open the authorize URL, press Approve or Deny, follow (not really) the redirect to the loopback
 * callback, and call {@code POST /v1/token}. Redirects are not followed, so the callback URL is
 * read from {@code Location}.
 */
final class SigninBrowser {

  static final String CLIENT = "arn:aws:signin:::devtools/same-device";
  static final String CALLBACK = "http://127.0.0.1:45678/oauth/callback";

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI base;
  final String verifier = "v".repeat(20) + UUID.randomUUID().toString().replace("-", "");
  final String state = UUID.randomUUID().toString();

  SigninBrowser(URI base) {
    this.base = base;
  }

  String tokenUrl() {
    return base + "/v1/token";
  }

  /** The CLI's authorize URL for this browser's verifier and state. */
  String authorizeUrl(String redirectUri) throws Exception {
    byte[] digest =
        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
    return base
        + "/v1/authorize?response_type=code&client_id="
        + encode(CLIENT)
        + "&state="
        + state
        + "&code_challenge_method=SHA-256&scope=openid&redirect_uri="
        + encode(redirectUri)
        + "&code_challenge="
        + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }

  HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Opens the page and presses {@code decision}; returns the callback's query parameters after
   * checking the redirect goes to {@link #CALLBACK}.
   */
  Map<String, String> decide(String decision) throws Exception {
    HttpResponse<String> answer = post(openPage(), decision);
    assertThat(answer.statusCode()).isEqualTo(302);
    URI location = URI.create(answer.headers().firstValue("Location").orElseThrow());
    assertThat(location.toString()).startsWith(CALLBACK + "?");
    Map<String, String> query = new HashMap<>();
    for (String pair : location.getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return query;
  }

  /** Opens the authorize page for {@link #CALLBACK}; returns its form's request id. */
  String openPage() throws Exception {
    HttpResponse<String> page = get(authorizeUrl(CALLBACK));
    assertThat(page.statusCode()).as("the authorize page").isEqualTo(200);
    return page.body().replaceAll("(?s).*name=\"request\" value=\"([^\"]+)\".*", "$1");
  }

  HttpResponse<String> post(String request, String decision) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(base + "/v1/authorize"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "request=" + encode(request) + "&decision=" + decision))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Approves and returns the code, after checking the state came back. */
  String approve() throws Exception {
    Map<String, String> callback = decide("approve");
    assertThat(callback).containsEntry("state", state).containsKey("code");
    return callback.get("code");
  }

  JsonObject codeGrant(String code, String codeVerifier) {
    return new JsonObject()
        .put("clientId", CLIENT)
        .put("grantType", "authorization_code")
        .put("code", code)
        .put("codeVerifier", codeVerifier)
        .put("redirectUri", CALLBACK);
  }

  static JsonObject refreshGrant(String refreshToken) {
    return new JsonObject()
        .put("clientId", CLIENT)
        .put("grantType", "refresh_token")
        .put("refreshToken", refreshToken);
  }

  /** {@code POST /v1/token} with {@code dpop} as the DPoP header (none when null). */
  HttpResponse<String> token(JsonObject body, String dpop) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(tokenUrl()))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.encode()));
    if (dpop != null) {
      request.header("DPoP", dpop);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
