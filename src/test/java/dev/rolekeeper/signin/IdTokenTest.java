package dev.rolekeeper.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The session end's estimate reads the ID token's {@code iat}. */
class IdTokenTest {

  @Test
  void idToken_iat_isReadWithoutVerification_andAnythingElseIsNull() {
    String payload =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"iat\":1800000000}".getBytes(StandardCharsets.UTF_8));

    assertThat(IdToken.issuedAt("e30." + payload + ".sig"))
        .isEqualTo(Instant.ofEpochSecond(1_800_000_000L));
    assertThat(IdToken.issuedAt(null)).isNull();
    assertThat(IdToken.issuedAt("not-a-jwt")).isNull();
    assertThat(IdToken.issuedAt("e30.%%%.sig")).isNull();
    assertThat(IdToken.issuedAt("e30.e30.sig")).isNull();
  }
}
