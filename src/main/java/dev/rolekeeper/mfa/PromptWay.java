package dev.rolekeeper.mfa;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A way an MFA code can come in. The configured order decides which active way is tried first;
 * {@link #WEB} and {@link #CLI} are passive and always open while a prompt is pending.
 */
public enum PromptWay {
  /** Desktop notification (Linux D-Bus / macOS osascript) leading to an entry dialog. Active. */
  NOTIFICATION(true),
  /** The one-time local web page. Passive. */
  WEB(false),
  /** {@code rolekeeper mfa CODE}. Passive. */
  CLI(false),
  /** The configured {@code mfa_process} command. Active. */
  PROCESS(true);

  private final boolean active;

  PromptWay(boolean active) {
    this.active = active;
  }

  /** Whether this way does something on its own when a prompt starts (rather than waiting to be used). */
  public boolean active() {
    return active;
  }

  /** The configuration word: {@code notification}, {@code web}, {@code cli} or {@code process}. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses a configuration word, case-insensitively.
   *
   * @throws IllegalArgumentException naming the bad word and the accepted ones
   */
  public static PromptWay parse(String word) {
    String trimmed = word == null ? "" : word.trim();
    for (PromptWay way : values()) {
      if (way.word().equalsIgnoreCase(trimmed)) {
        return way;
      }
    }
    throw new IllegalArgumentException(
        "unknown MFA prompt way '" + trimmed + "': use notification, web, cli or process");
  }

  /** Parses a list of words, refusing duplicates. */
  public static List<PromptWay> parseAll(List<String> words) {
    List<PromptWay> ways = new ArrayList<>();
    for (String word : words) {
      PromptWay way = parse(word);
      if (ways.contains(way)) {
        throw new IllegalArgumentException("MFA prompt way '" + way.word() + "' is listed twice");
      }
      ways.add(way);
    }
    return List.copyOf(ways);
  }
}
