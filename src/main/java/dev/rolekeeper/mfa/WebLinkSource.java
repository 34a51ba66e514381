package dev.rolekeeper.mfa;

import java.util.Optional;

/** Gives the one-time web page URL for a prompt, for prompters that point the user there. */
@FunctionalInterface
public interface WebLinkSource {

  /**
   * The URL of the MFA page for {@code prompt}, or empty when the web way is off or not yet
   * listening.
   */
  Optional<String> linkFor(MfaPrompt prompt);

  /** A source that never has a link. */
  static WebLinkSource none() {
    return prompt -> Optional.empty();
  }
}
