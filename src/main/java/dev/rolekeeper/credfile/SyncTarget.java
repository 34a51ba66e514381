package dev.rolekeeper.credfile;

import java.util.Objects;

/**
 * One sync target: the served profile whose sessions are copied, and the section of the credentials
 * file that receives them.
 *
 * @param profile the served profile name
 * @param section the section name in the credentials file, without brackets (e.g. {@code
 *     dev-session})
 */
public record SyncTarget(String profile, String section) {

  public SyncTarget {
    Objects.requireNonNull(profile, "profile");
    if (profile.isBlank()) {
      throw new IllegalArgumentException("sync target: profile is blank");
    }
    validateSection(section);
  }

  /**
   * Checks that a name can stand between brackets on one line and be read back unchanged.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  static void validateSection(String section) {
    Objects.requireNonNull(section, "section");
    if (section.isBlank()) {
      throw new IllegalArgumentException("sync target section is blank");
    }
    if (!section.equals(section.strip())) {
      throw new IllegalArgumentException(
          "sync target section '" + section + "' has leading or trailing spaces");
    }
    if (section.chars().anyMatch(c -> c == '[' || c == ']' || c == '\r' || c == '\n')) {
      throw new IllegalArgumentException(
          "sync target section '"
              + section.replaceAll("[\\r\\n]", "?")
              + "' contains '[', ']' or a line break");
    }
  }
}
