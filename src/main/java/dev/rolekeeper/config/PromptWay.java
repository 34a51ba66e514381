package dev.rolekeeper.config;

import java.util.Arrays;
import java.util.Optional;

/** A way to ask the user for an MFA code; {@code mfa.prompts} lists them in the order they are tried. */
public enum PromptWay {
  /** A desktop notification whose action opens the entry dialog. */
  NOTIFICATION("notification"),
  /** The local one-time MFA web page. */
  WEB("web"),
  /** {@code rolekeeper mfa} on the command line. */
  CLI("cli"),
  /** The {@code mfa.process} command (e.g. ykman), which prints a code. */
  PROCESS("process");

  private final String word;

  PromptWay(String word) {
    this.word = word;
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
