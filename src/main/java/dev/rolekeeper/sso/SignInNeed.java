package dev.rolekeeper.sso;

import java.time.Instant;
import java.util.List;

/**
 * A sign-in someone should make: which SSO session, the profiles waiting on it, and by when.
 *
 * @param label "SSO session corp" (or the start URL for the legacy form)
 * @param name what {@code rolekeeper login} takes: the session name or the start URL
 * @param profiles the profiles that need it, sorted
 * @param neededBy when their credentials can no longer be renewed without it
 */
public record SignInNeed(String label, String name, List<String> profiles, Instant neededBy) {

  public SignInNeed {
    profiles = List.copyOf(profiles);
  }

  public String profileList() {
    return String.join(", ", profiles);
  }

  /** "profile dev needs" or "profiles dev, prod need". */
  public String whoNeeds() {
    return profiles.size() == 1
        ? "profile " + profileList() + " needs"
        : "profiles " + profileList() + " need";
  }
}
