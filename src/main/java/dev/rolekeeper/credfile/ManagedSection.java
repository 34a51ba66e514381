package dev.rolekeeper.credfile;

import dev.rolekeeper.credentials.AwsCredentials;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The lines of a section rolekeeper owns.
 *
 * <p>Format (the marker is the line directly under the header; it is how rolekeeper recognises its
 * own sections, and the only thing that lets it rewrite or remove one):
 *
 * <pre>
 * [dev-session]
 * # managed by rolekeeper; expires 2026-11-27T23:00:00Z; rewritten on every refresh, edits here are lost
 * aws_access_key_id = ASIA...
 * aws_secret_access_key = ...
 * aws_session_token = ...
 * </pre>
 */
final class ManagedSection {

  /** Every managed section's first body line starts with this. */
  static final String MARKER = "# managed by rolekeeper";

  private ManagedSection() {}

  /**
   * The lines of the section, without terminators.
   *
   * @throws IllegalArgumentException if the keys are not temporary or a value holds a line break
   */
  static List<String> render(String section, AwsCredentials credentials) {
    if (!credentials.isTemporary()) {
      throw new IllegalArgumentException(
          "only temporary credentials are written to the credentials file");
    }
    Instant expiry = credentials.expiration().truncatedTo(ChronoUnit.SECONDS);
    return List.of(
        "[" + section + "]",
        MARKER + "; expires " + expiry + "; rewritten on every refresh, edits here are lost",
        "aws_access_key_id = " + singleLine(credentials.accessKeyId(), "access key id"),
        "aws_secret_access_key = " + singleLine(credentials.secretAccessKey(), "secret access key"),
        "aws_session_token = " + singleLine(credentials.sessionToken(), "session token"));
  }

  /** Whether the line directly under a header marks the section as ours. */
  static boolean isMarker(String lineContent) {
    return lineContent.strip().startsWith(MARKER);
  }

  private static String singleLine(String value, String what) {
    String stripped = value.strip();
    if (stripped.isEmpty() || stripped.chars().anyMatch(c -> c == '\r' || c == '\n')) {
      // Says which field, never the value.
      throw new IllegalArgumentException("the " + what + " is empty or contains a line break");
    }
    return stripped;
  }
}
