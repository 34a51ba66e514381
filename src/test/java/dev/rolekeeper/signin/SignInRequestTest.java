package dev.rolekeeper.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SignInRequestTest {

  @Test
  void challenge_ofRfc7636sExample_isItsS256Challenge() {
    SignInRequest request =
        new SignInRequest("s", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "key");
    assertThat(request.challenge()).isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  }

  @Test
  void fresh_givesA64CharacterUnreservedVerifier_aUuidState_andAnSec1Key_neverTwiceTheSame() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      SignInRequest request = SignInRequest.fresh();
      assertThat(request.verifier()).matches("[A-Za-z0-9._~-]{64}");
      assertThat(request.state())
          .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}");
      assertThat(request.dpopKey()).startsWith("-----BEGIN EC PRIVATE KEY-----\n");
      assertThat(seen.add(request.verifier()) && seen.add(request.state())).isTrue();
      assertThat(seen.add(request.dpopKey())).isTrue();
    }
  }

  @Test
  void authorizeUrl_isTheClisParametersInItsOrder_percentEncoded() {
    SignInRequest request =
        new SignInRequest(
            "6f1c3e0a-2b4d-4c5e-8f90-123456789abc",
            "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
            "key");
    assertThat(
            request.authorizeUrl(
                "https://eu-west-1.signin.aws.amazon.com", SignInRequest.redirectUri(8123)))
        .isEqualTo(
            "https://eu-west-1.signin.aws.amazon.com/v1/authorize?response_type=code"
                + "&client_id=arn%3Aaws%3Asignin%3A%3A%3Adevtools%2Fsame-device"
                + "&state=6f1c3e0a-2b4d-4c5e-8f90-123456789abc"
                + "&code_challenge_method=SHA-256&scope=openid"
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A8123%2Foauth%2Fcallback"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  }

  @Test
  void percentEncode_keepsOnlyTheUnreservedCharacters() {
    assertThat(SignInRequest.percentEncode("a-Z_0.~ +*/é")).isEqualTo("a-Z_0.~%20%2B%2A%2F%C3%A9");
  }

  @Test
  void toString_showsNoSecret() {
    SignInRequest request = SignInRequest.fresh();
    assertThat(request.toString())
        .doesNotContain(request.verifier())
        .doesNotContain(request.state())
        .doesNotContain("PRIVATE");
  }
}
