package dev.rolekeeper.daemon;

import java.util.Set;

/**
 * What a token may read: everything (the control token) or the named profiles only.
 *
 * @param control true for the control token
 * @param profiles the profiles a client token reads (empty for the control token)
 */
public record TokenScope(boolean control, Set<String> profiles) {

  /** The control token's scope. */
  public static final TokenScope CONTROL = new TokenScope(true, Set.of());

  public TokenScope {
    profiles = Set.copyOf(profiles);
  }

  /** Whether this token may read {@code profile}'s credentials. */
  public boolean allows(String profile) {
    return control || profiles.contains(profile);
  }
}
