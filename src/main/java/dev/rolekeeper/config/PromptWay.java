package dev.rolekeeper.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * A way to ask the user for an MFA code; {@code mfa.prompts} lists them in the order they are
 * tried.
 */
public enum PromptWay {
  /** A desktop notification whose action opens the entry dialog. */
  NOTIFICATION("notification", true),
  /** The local one-time MFA web page. */
  WEB("web", false),
  /** {@code rolekeeper mfa} on the command line. */
  CLI("cli", false),
  /** The {@code mfa.process} command (e.g. ykman), which prints a code. */
  PROCESS("process", true);

  private final String word;
  private final boolean active;

  PromptWay(String word, boolean active) {
    this.word = word;
    this.active = active;
  }

  /**
   * Active ways start something (a notification, a command) and are tried one after another;
   * passive ones (the web page, the CLI) just stay open for a code while a prompt is pending.
   */
  public boolean active() {
    return active;
  }

  /** The word used in settings files. */
  public String word() {
    return word;
  }

  /** The prompt way spelled exactly {@code word}, if any. */
  public static Optional<PromptWay> of(String word) {
    return Arrays.stream(values()).filter(w -> w.word.equals(word)).findFirst();
  }
}
