package dev.rolekeeper.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.process.ProcessRunner;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class MacNotificationPrompterTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2030-01-01T10:00:00Z"), ZoneOffset.UTC);

  private static MacNotificationPrompter prompter(Vertx vertx) {
    return new MacNotificationPrompter(
        new ProcessRunner(vertx, Map.of()), Duration.ofMinutes(5), CLOCK);
  }

  @Test
  void script_prompt_notificationThenHiddenAnswerDialog(Vertx vertx) {
    MfaPrompt prompt =
        new MfaPrompt(
            "arn:aws:iam::1:mfa/me",
            List.of("prod", "admin"),
            Instant.parse("2030-01-01T10:09:00Z"),
            "a new 12-hour MFA session is due");
    String script = prompter(vertx).script(prompt);
    assertThat(script.lines().toList()).hasSize(3);
    assertThat(script)
        .startsWith(
            "display notification \"Profiles prod, admin need a code from arn:aws:iam::1:mfa/me."
                + " The session ends at 10:09 (in 9 min). Why: a new 12-hour MFA session is due.\" with title "
                + "\"rolekeeper: MFA code needed\"\n");
    assertThat(script.lines().skip(1).findFirst().orElseThrow())
        .startsWith("set reply to display dialog \"Profiles prod, admin")
        .contains(
            "default answer \"\" with hidden answer",
            "giving up after 300",
            "cancel button \"Cancel\"");
    assertThat(script).endsWith("return text returned of reply\n");
  }

  @Test
  void script_quotesAndBackslashesInProfileNames_escapedInsideTheStringLiteral(Vertx vertx) {
    MfaPrompt prompt =
        new MfaPrompt(
            "dev",
            List.of("a\"; do shell script \"rm -rf ~\" --", "b\\c\nd"),
            Instant.parse("2030-01-01T10:09:00Z"),
            "");
    String script = prompter(vertx).script(prompt);
    assertThat(script).contains("a\\\"; do shell script \\\"rm -rf ~\\\" --, b\\\\c d");
    assertThat(script.lines().toList()).hasSize(3);
  }

  @Test
  void quote_plainText_wrappedInDoubleQuotes() {
    assertThat(MacNotificationPrompter.quote("x \"y\" \\z")).isEqualTo("\"x \\\"y\\\" \\\\z\"");
  }
}
