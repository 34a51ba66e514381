package dev.rolekeeper.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TotpTest {

  /** The RFC 6238 appendix B SHA-1 seed. */
  private static final byte[] RFC_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

  private static final String RFC_KEY_BASE32 = Base32.encode(RFC_KEY);

  @ParameterizedTest
  @CsvSource({
    "59, 94287082",
    "1111111109, 07081804",
    "1111111111, 14050471",
    "1234567890, 89005924",
    "2000000000, 69279037",
    "20000000000, 65353130"
  })
  void generate_rfc6238Sha1Vectors_matchEightDigitValues(long epochSeconds, String expected) {
    assertThat(Totp.generate(RFC_KEY, Totp.step(Instant.ofEpochSecond(epochSeconds)), 8))
        .isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"59, 287082", "1111111109, 081804", "1234567890, 005924"})
  void generate_base32SecretAtInstant_givesSixDigitSuffixOfRfcValue(
      long epochSeconds, String expected) {
    assertThat(Totp.generate(RFC_KEY_BASE32, Instant.ofEpochSecond(epochSeconds)))
        .isEqualTo(expected);
  }

  @Test
  void generate_digitsOutOfRange_isRefused() {
    assertThatThrownBy(() -> Totp.generate(RFC_KEY, 1, 9))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("digits");
  }

  @ParameterizedTest
  @CsvSource({
    "f, MY",
    "fo, MZXQ",
    "foo, MZXW6",
    "foob, MZXW6YQ",
    "fooba, MZXW6YTB",
    "foobar, MZXW6YTBOI"
  })
  void base32_rfc4648Vectors_encodeAndDecode(String plain, String encoded) {
    assertThat(Base32.encode(plain.getBytes(StandardCharsets.US_ASCII))).isEqualTo(encoded);
    assertThat(new String(Base32.decode(encoded), StandardCharsets.US_ASCII)).isEqualTo(plain);
  }

  @Test
  void base32_lowerCaseSpacesAndPadding_decodeLikeCanonical() {
    assertThat(Base32.decode("mzxw 6ytb oi======"))
        .isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void base32_invalidCharacter_isRefusedWithPosition() {
    assertThatThrownBy(() -> Base32.decode("MZ1W"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("position 2");
  }

  @Test
  void verify_codeFromPreviousOrNextStep_isAccepted() {
    Instant now = Instant.ofEpochSecond(1_700_000_010L);
    String previous = Totp.generate(RFC_KEY_BASE32, now.minusSeconds(30));
    String next = Totp.generate(RFC_KEY_BASE32, now.plusSeconds(30));

    assertThat(new TotpVerifier().verify("dev-a", RFC_KEY_BASE32, previous, now))
        .isEqualTo(TotpVerifier.Result.ACCEPTED);
    assertThat(new TotpVerifier().verify("dev-a", RFC_KEY_BASE32, next, now))
        .isEqualTo(TotpVerifier.Result.ACCEPTED);
  }

  @Test
  void verify_codeTwoStepsOld_isInvalid() {
    Instant now = Instant.ofEpochSecond(1_700_000_010L);
    String old = Totp.generate(RFC_KEY_BASE32, now.minusSeconds(60));

    assertThat(new TotpVerifier().verify("dev-a", RFC_KEY_BASE32, old, now))
        .isEqualTo(TotpVerifier.Result.INVALID);
  }

  @Test
  void verify_sameCodeTwice_secondIsReused() {
    TotpVerifier verifier = new TotpVerifier();
    Instant now = Instant.ofEpochSecond(1_700_000_010L);
    String code = Totp.generate(RFC_KEY_BASE32, now);

    assertThat(verifier.verify("dev-a", RFC_KEY_BASE32, code, now))
        .isEqualTo(TotpVerifier.Result.ACCEPTED);
    assertThat(verifier.verify("dev-a", RFC_KEY_BASE32, code, now.plusSeconds(5)))
        .isEqualTo(TotpVerifier.Result.REUSED);
  }

  @Test
  void verify_olderCodeAfterNewerAccepted_isReused() {
    TotpVerifier verifier = new TotpVerifier();
    Instant now = Instant.ofEpochSecond(1_700_000_010L);

    assertThat(verifier.verify("dev-a", RFC_KEY_BASE32, Totp.generate(RFC_KEY_BASE32, now), now))
        .isEqualTo(TotpVerifier.Result.ACCEPTED);
    assertThat(
            verifier.verify(
                "dev-a", RFC_KEY_BASE32, Totp.generate(RFC_KEY_BASE32, now.minusSeconds(30)), now))
        .isEqualTo(TotpVerifier.Result.REUSED);
  }

  @Test
  void verify_sameCodeOnAnotherDevice_isNotAReplay() {
    TotpVerifier verifier = new TotpVerifier();
    Instant now = Instant.ofEpochSecond(1_700_000_010L);
    String code = Totp.generate(RFC_KEY_BASE32, now);

    verifier.verify("dev-a", RFC_KEY_BASE32, code, now);
    assertThat(verifier.verify("dev-b", RFC_KEY_BASE32, code, now))
        .isEqualTo(TotpVerifier.Result.ACCEPTED);
  }
}
