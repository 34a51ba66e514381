package dev.rolekeeper.signin;

import dev.rolekeeper.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The secrets of one console sign-in attempt, made fresh for each: the {@code state} the redirect
 * must carry back, the PKCE code verifier (64 characters of RFC 7636's unreserved set, as the AWS
 * CLI makes it) and the DPoP key (a new P-256 key, as the login cache holds it). Builds the
 * authorization URL exactly as {@code aws login} does. {@link #toString()} shows none of them.
 *
 * @param state a random UUID, compared with the redirect's {@code state}
 * @param verifier the PKCE code verifier, sent only with the token exchange
 * @param dpopKey the DPoP private key as a SEC1 PEM ({@link DpopKeys#sec1Pem})
 */
record SignInRequest(String state, String verifier, String dpopKey) {

  /** The same-device client of {@code aws login}: browser and loopback redirect on this machine. */
  static final String CLIENT_ID = "arn:aws:signin:::devtools/same-device";

  /** The redirect's path on the loopback listener, as the AWS CLI's. */
  static final String CALLBACK_PATH = "/oauth/callback";

  private static final String VERIFIER_CHARS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";
  private static final int VERIFIER_LENGTH = 64;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A new attempt's state, verifier and key (blocking: the key pair takes a few milliseconds). */
  static SignInRequest fresh() {
    StringBuilder verifier = new StringBuilder(VERIFIER_LENGTH);
    for (int i = 0; i < VERIFIER_LENGTH; i++) {
      verifier.append(VERIFIER_CHARS.charAt(RANDOM.nextInt(VERIFIER_CHARS.length())));
    }
    return new SignInRequest(
        UUID.randomUUID().toString(), verifier.toString(), DpopKeys.sec1Pem(DpopKeys.generate()));
  }

  /** The PKCE challenge: base64url of the verifier's SHA-256, without padding (43 characters). */
  String challenge() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(Sha256.of(verifier.getBytes(StandardCharsets.US_ASCII)));
  }

  /** {@code http://127.0.0.1:PORT/oauth/callback}: where the Sign-In page sends the browser. */
  static String redirectUri(int port) {
    return "http://127.0.0.1:" + port + CALLBACK_PATH;
  }

  /**
   * The authorization page's URL, with the AWS CLI's parameters in its order ({@code
   * code_challenge_method} is {@code SHA-256}, not {@code S256}; the challenge last), each value
   * percent-encoded as botocore encodes query strings.
   *
   * @param base the Sign-In service's {@code scheme://host[:port]}
   */
  String authorizeUrl(String base, String redirectUri) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("response_type", "code");
    query.put("client_id", CLIENT_ID);
    query.put("state", state);
    query.put("code_challenge_method", "SHA-256");
    query.put("scope", "openid");
    query.put("redirect_uri", redirectUri);
    query.put("code_challenge", challenge());
    StringBuilder url = new StringBuilder(base).append("/v1/authorize");
    char separator = '?';
    for (Map.Entry<String, String> parameter : query.entrySet()) {
      url.append(separator)
          .append(parameter.getKey())
          .append('=')
          .append(percentEncode(parameter.getValue()));
      separator = '&';
    }
    return url.toString();
  }

  /** RFC 3986: every byte but the unreserved {@code A-Z a-z 0-9 - . _ ~} as {@code %XX}. */
  static String percentEncode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xFF);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~') {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xFF));
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "SignInRequest[redacted]";
  }
}
