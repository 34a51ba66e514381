package dev.rolekeeper.config;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Profile and section names in settings: usable in an ini section header (no spaces, brackets,
 * comment or assignment characters), listed once, and among the served profiles when those are
 * listed.
 */
final class ProfileNames {

  private static final Pattern NAME = Pattern.compile("[^\\s\\[\\]#;=]+");

  private ProfileNames() {}

  static boolean usable(String name) {
    return NAME.matcher(name).matches();
  }

  /** {@code names}, each usable and listed once; else an error on {@code key}. */
  static List<String> check(SettingsReader r, String key, List<String> names) {
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (!usable(name)) {
        throw r.error(
            key,
            "'" + name + "' is not a usable profile name (no spaces, brackets, '#', ';' or '=')");
      }
      if (!seen.add(name)) {
        throw r.error(key, "'" + name + "' is listed twice");
      }
    }
    return names;
  }

  /** {@code profile} if given: checked, and among {@code profiles} unless that list is empty. */
  static Optional<String> served(
      SettingsReader r, String key, Optional<String> profile, List<String> profiles) {
    if (profile.isPresent()) {
      check(r, key, List.of(profile.get()));
      if (!profiles.isEmpty() && !profiles.contains(profile.get())) {
        throw r.error(key, "'" + profile.get() + "' is not among the served profiles " + profiles);
      }
    }
    return profile;
  }
}
