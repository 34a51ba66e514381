package dev.rolekeeper.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CredentialStoreTest {

  private final CredentialStore store = new CredentialStore(SimulatorTestSupport.CONFIG);
  private final Principal alice =
      CredentialStore.userPrincipal(SimulatorTestSupport.ALICE, true, false);

  @Test
  void issuedSession_isFoundByItsKeyUntilLongAfterExpiry() {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    IssuedCredential old = store.issue(alice, t0, t0.plusSeconds(60));

    store.issue(alice, t0.plus(Duration.ofHours(23)), t0.plus(Duration.ofHours(24)));
    assertThat(store.find(old.accessKeyId())).contains(old);

    store.issue(alice, t0.plus(Duration.ofHours(25)), t0.plus(Duration.ofHours(26)));
    assertThat(store.find(old.accessKeyId())).isEmpty();
  }

  @Test
  void longTermKeys_areFoundAsNonTemporaryUserPrincipal() {
    IssuedCredential keys = store.find(SimulatorTestSupport.ALICE.accessKeyId()).orElseThrow();

    assertThat(keys.isTemporary()).isFalse();
    assertThat(keys.principal().arn()).isEqualTo(SimulatorTestSupport.ALICE.arn());
  }

  @Test
  void sessionsAreDistinctAndToStringHidesSecrets() {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    IssuedCredential a = store.issue(alice, now, now.plusSeconds(900));
    IssuedCredential b = store.issue(alice, now, now.plusSeconds(900));

    assertThat(a.accessKeyId()).isNotEqualTo(b.accessKeyId()).startsWith("ASIA");
    assertThat(a.sessionToken()).isNotEqualTo(b.sessionToken());
    assertThat(a.toString()).doesNotContain(a.secretAccessKey()).doesNotContain(a.sessionToken());
  }

  @Test
  void stableId_isDeterministicPerArn() {
    assertThat(CredentialStore.stableId("AROA", "arn:aws:iam::123456789012:role/a"))
        .isEqualTo(CredentialStore.stableId("AROA", "arn:aws:iam::123456789012:role/a"))
        .isNotEqualTo(CredentialStore.stableId("AROA", "arn:aws:iam::123456789012:role/b"))
        .hasSize(21);
  }
}
