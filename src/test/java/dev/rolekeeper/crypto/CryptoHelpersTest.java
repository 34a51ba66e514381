package dev.rolekeeper.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link Sha256} against the FIPS 180-2 test vector; {@link RandomTokens}' shape and spread. */
class CryptoHelpersTest {

  @Test
  void sha256_ofAbc_isTheStandardVector() {
    assertThat(Sha256.hexOf("abc".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(Sha256.of(new byte[0])).hasSize(32);
  }

  @Test
  void urlSafe_32Bytes_is43UrlSafeCharactersAndNeverRepeats() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String token = RandomTokens.urlSafe(32);
      assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
      seen.add(token);
    }
    assertThat(seen).hasSize(1000);
  }
}
