package dev.rolekeeper.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolekeeper.config.PromptWay;
import dev.rolekeeper.process.ProcessRunner;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class MfaPromptingTest {

  private static final String DEV = "arn:aws:iam::1:mfa/alice";
  private static final Map<String, String> HEADLESS = Map.of("DISPLAY", "", "WAYLAND_DISPLAY", "");

  private static MfaPrompt prompt() {
    return new MfaPrompt(
        DEV,
        List.of("prod", "admin"),
        Instant.parse("2030-01-01T00:00:00Z"),
        MfaPrompt.REASON_NEW_SESSION);
  }

  @Test
  void create_processFirst_itsCommandSeesDeviceAndProfiles(Vertx vertx, VertxTestContext ctx) {
    MfaSettings settings =
        new MfaSettings(
            List.of(PromptWay.PROCESS, PromptWay.NOTIFICATION, PromptWay.WEB, PromptWay.CLI),
            Duration.ofSeconds(20),
            Optional.of(
                "[ \"$ROLEKEEPER_MFA_DEVICE\" = '"
                    + DEV
                    + "' ] && [ \"$ROLEKEEPER_MFA_PROFILES\" = 'prod admin' ]"
                    + " && echo 112233"),
            Duration.ofSeconds(10));
    MfaPrompting wiring = MfaPrompting.create(vertx, settings, HEADLESS);
    wiring
        .prompts()
        .request(prompt())
        .onComplete(
            ctx.succeeding(
                code ->
                    ctx.verify(
                        () -> {
                          assertThat(code.digits()).isEqualTo("112233");
                          ctx.completeNow();
                        })));
  }

  @Test
  void create_processFailsAndNoDisplay_webLinkIssuedAndCliCodeAccepted(
      Vertx vertx, VertxTestContext ctx) {
    MfaSettings settings =
        new MfaSettings(
            List.of(PromptWay.PROCESS, PromptWay.NOTIFICATION, PromptWay.WEB, PromptWay.CLI),
            Duration.ofSeconds(20),
            Optional.of("exit 1"),
            Duration.ofSeconds(10));
    MfaPrompting wiring =
        MfaPrompting.create(
            vertx, settings, new ProcessRunner(vertx, HEADLESS), settings::processFor, 8080);
    wiring
        .prompts()
        .request(prompt())
        .onComplete(
            ctx.succeeding(
                code ->
                    ctx.verify(
                        () -> {
                          assertThat(code.digits()).isEqualTo("998877");
                          ctx.completeNow();
                        })));
    ctx.verify(
        () -> {
          assertThat(wiring.webLink(DEV))
              .hasValueSatisfying(url -> assertThat(url).startsWith("http://127.0.0.1:8080/mfa/"));
          assertThat(wiring.prompts().pending()).extracting(MfaPrompt::device).containsExactly(DEV);
        });
    ctx.verify(
        () ->
            assertThat(wiring.prompts().submit(Optional.empty(), new MfaCode("998877")).accepted())
                .isTrue());
  }

  @Test
  void settings_processListedWithoutCommand_refusedNamingMfaProcess() {
    assertThatThrownBy(
            () ->
                new MfaSettings(
                    List.of(PromptWay.PROCESS),
                    Duration.ofMinutes(1),
                    Optional.of(" "),
                    Duration.ofSeconds(10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mfa_process");
  }
}
