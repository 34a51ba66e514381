package dev.rolekeeper.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DialogTextTest {

  @Test
  void wrap_promptText_linesAtMostTheWidthWordsKeptInOrder() {
    MfaPrompt prompt =
        new MfaPrompt(
            "arn:aws:iam::111122223333:mfa/some-rather-long-device-name",
            List.of("prod", "admin", "billing"),
            Instant.parse("2030-01-01T10:00:00Z"),
            "a new MFA session is due");
    String text =
        prompt.text(Clock.fixed(Instant.parse("2030-01-01T09:51:00Z"), ZoneOffset.UTC))
            + "\n\nEnter the 6-digit code:";

    String wrapped = DialogText.wrap(text, 60);

    assertThat(wrapped.lines())
        .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(60));
    assertThat(wrapped.lines().count()).isGreaterThan(3);
    assertThat(wrapped.replaceAll("\\s+", " ")).isEqualTo(text.replaceAll("\\s+", " "));
    assertThat(wrapped).endsWith("\n\nEnter the 6-digit code:");
  }

  @Test
  void wrap_wordLongerThanTheWidth_getsALineOfItsOwn() {
    assertThat(DialogText.wrap("from arn:aws:iam::111122223333:mfa/x today", 12))
        .isEqualTo("from\narn:aws:iam::111122223333:mfa/x\ntoday");
  }
}
