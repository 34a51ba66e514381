package dev.rolekeeper.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolekeeper.config.PromptWay;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class MfaValuesTest {

  private static final Instant T = Instant.parse("2026-01-01T12:00:00Z");

  @Test
  void mfaCode_sixDigits_keptButRedacted() {
    MfaCode code = new MfaCode("012345");
    assertThat(code.digits()).isEqualTo("012345");
    assertThat(code.toString()).isEqualTo("MfaCode[******]").doesNotContain("012345");
  }

  @Test
  void mfaCode_malformed_refusedWithoutEcho() {
    for (String bad : new String[] {"12345", "1234567", "12a456", " 12345", "１２３４５６", ""}) {
      assertThatThrownBy(() -> new MfaCode(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("6 digits")
          .satisfies(
              e -> assertThat(e.getMessage()).doesNotContain(bad.isEmpty() ? "\u0000" : bad));
    }
    assertThatThrownBy(() -> new MfaCode(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void mfaPrompt_joined_mergesProfilesKeepsEarlierEndAndNewerReason() {
    MfaPrompt first =
        new MfaPrompt("arn:aws:iam::1:mfa/me", List.of("a", "b"), T.plusSeconds(600), "first");
    MfaPrompt second =
        new MfaPrompt("arn:aws:iam::1:mfa/me", List.of("b", "c"), T.plusSeconds(60), "second");
    MfaPrompt joined = first.joinedWith(second);
    assertThat(joined.profiles()).containsExactly("a", "b", "c");
    assertThat(joined.sessionEnds()).isEqualTo(T.plusSeconds(60));
    assertThat(joined.reason()).isEqualTo("second");
    assertThat(joined.profileList()).isEqualTo("a, b, c");
  }

  @Test
  void mfaPrompt_noSessionHeldYet_allowedJoinedAndWordedAsSuch() {
    MfaPrompt first = new MfaPrompt("arn:aws:iam::1:mfa/me", List.of("a"), null, "first fetch");
    MfaPrompt second = new MfaPrompt("arn:aws:iam::1:mfa/me", List.of("b"), T.plusSeconds(60), "");

    assertThat(first.joinedWith(second).sessionEnds())
        .as("nothing held is the earliest end")
        .isNull();
    assertThat(second.joinedWith(first).sessionEnds()).isNull();
    assertThat(first.text(java.time.Clock.fixed(T, java.time.ZoneOffset.UTC)))
        .isEqualTo(
            "Profile a needs a code from arn:aws:iam::1:mfa/me. No session is held yet: clients get none"
                + " until the code is given. Why: first fetch.");
  }

  @Test
  void mfaSettings_profileCommandForItsDevice_settingsCommandForTheOthers() {
    MfaSettings settings =
        new MfaSettings(
            List.of(PromptWay.PROCESS),
            java.time.Duration.ofMinutes(1),
            java.util.Optional.of("ykman oath accounts code --single work"),
            java.time.Duration.ofSeconds(5),
            java.util.Map.of(
                "arn:aws:iam::1:mfa/me", "ykman oath accounts code --single me", "arn:x", " "));

    assertThat(settings.processFor("arn:aws:iam::1:mfa/me"))
        .contains("ykman oath accounts code --single me");
    assertThat(settings.processFor("arn:x"))
        .as("a blank command is none")
        .contains("ykman oath accounts code --single work");
    assertThat(
            new MfaSettings(
                    List.of(PromptWay.PROCESS),
                    java.time.Duration.ofMinutes(1),
                    java.util.Optional.empty(),
                    java.time.Duration.ofSeconds(5),
                    java.util.Map.of("arn:x", "cmd"))
                .processFor("arn:y"))
        .isEmpty();
  }

  @Test
  void mfaPrompt_noProfiles_refusedNamingDevice() {
    assertThatThrownBy(() -> new MfaPrompt("dev1", List.of(), T, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dev1");
    assertThatThrownBy(() -> new MfaPrompt(" ", List.of("a"), T, "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mfa_serial");
  }

  @Test
  void promptWay_activeWays_areNotificationAndProcess() {
    assertThat(PromptWay.NOTIFICATION.active()).isTrue();
    assertThat(PromptWay.CLI.active()).isFalse();
    assertThat(PromptWay.WEB.active()).isFalse();
    assertThat(PromptWay.PROCESS.active()).isTrue();
  }
}
