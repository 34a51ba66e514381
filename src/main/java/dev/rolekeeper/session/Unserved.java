package dev.rolekeeper.session;

import dev.rolekeeper.profiles.AwsProfiles;
import dev.rolekeeper.profiles.ProfileException;
import dev.rolekeeper.profiles.ResolvedProfile;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A profile of the AWS files that looks meant to give credentials (a role, IAM Identity Center, a
 * web identity, a process, a login session) and is not served, with the reason in one line: what
 * {@code status} lists under "not served", so no profile is left out without a word. Profiles of
 * plain keys or settings only ({@code [default]} with keys) are sources, not candidates, and are
 * not listed.
 *
 * @param profile the profile name
 * @param reason why it is not served, for a person
 * @param problem true when the profile cannot be served as written (a fix is needed), false when it
 *     is left out by choice (the settings name other profiles) or is not a kind rolekeeper serves
 */
public record Unserved(String profile, String reason, boolean problem) {

  /**
   * The candidates of {@code profiles} that are not among {@code planned}, in name order.
   *
   * @param planned the profiles that have a plan (served, or chained from)
   * @param listed whether the settings name the served profiles (else every role profile is served)
   */
  public static List<Unserved> find(
      AwsProfiles profiles, Collection<String> planned, boolean listed) {
    List<Unserved> found = new ArrayList<>();
    for (String name : profiles.names().stream().sorted().toList()) {
      Optional<String> key = profiles.servingKey(name);
      if (planned.contains(name) || key.isEmpty()) {
        continue;
      }
      found.add(of(profiles, name, key.get(), listed));
    }
    return List.copyOf(found);
  }

  private static Unserved of(AwsProfiles profiles, String name, String key, boolean listed) {
    ResolvedProfile resolved;
    try {
      resolved = profiles.resolve(name);
    } catch (ProfileException e) {
      return new Unserved(name, e.getMessage(), true);
    }
    if (!resolved.isRole() && ("source_profile".equals(key) || "credential_source".equals(key))) {
      return new Unserved(name, "has " + key + " but no role_arn: nothing to assume", true);
    }
    if (resolved.isServable()) {
      return listed
          ? new Unserved(name, "not named under `profiles:` in the settings", false)
          : new Unserved(name, "not planned", true);
    }
    return new Unserved(
        name,
        "no role_arn, IAM Identity Center settings or login_session: its "
            + key
            + " gives credentials the SDKs fetch themselves; rolekeeper serves role sessions",
        false);
  }
}
