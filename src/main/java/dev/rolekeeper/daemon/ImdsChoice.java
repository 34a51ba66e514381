package dev.rolekeeper.daemon;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the IMDS port serves as its role. IMDSv2 has no client secret: any process of the user that
 * can connect reads the role's credentials, so IMDS is {@link Off} unless the settings turn it on,
 * and when on it serves one profile the settings name, or the only one served ({@link Serve}).
 * Among several served profiles it never picks one: it serves none ({@link NoRole}) and says which
 * names would do.
 */
public sealed interface ImdsChoice {

  /** How many profile names a reason lists before it only counts the rest. */
  int NAMES_LISTED = 10;

  /** IMDS is off: no IMDS port is opened, or (after a reload) no role is served on it. */
  record Off() implements ImdsChoice {}

  /** IMDS serves {@code profile} as its role. */
  record Serve(String profile) implements ImdsChoice {
    public Serve {
      Objects.requireNonNull(profile, "profile");
    }
  }

  /** IMDS is on but serves no role; {@code reason} says why and how to fix it. */
  record NoRole(String reason) implements ImdsChoice {
    public NoRole {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** IMDS off. */
  static ImdsChoice off() {
    return new Off();
  }

  /** IMDS on, serving {@code profile}. */
  static ImdsChoice serve(String profile) {
    return new Serve(profile);
  }

  /** Whether the settings turn IMDS on (its port is opened at start). */
  default boolean enabled() {
    return !(this instanceof Off);
  }

  /** The profile served as the role, or null when there is none. */
  default String profile() {
    return this instanceof Serve serve ? serve.profile() : null;
  }

  /**
   * The choice the settings make: off unless {@code enabled}; then the {@code named} profile if it
   * is served, else, with none named, the one served profile when exactly one is served; otherwise
   * no role, with a reason naming the served profiles to choose from.
   *
   * @param served the profiles the daemon serves, in their order
   */
  static ImdsChoice of(boolean enabled, Optional<String> named, List<String> served) {
    if (!enabled) {
      return off();
    }
    if (named.isPresent()) {
      return served.contains(named.get())
          ? serve(named.get())
          : new NoRole(
              "imds.profile '" + named.get() + "' is not a served profile; " + fix(served));
    }
    if (served.size() == 1) {
      return serve(served.get(0));
    }
    if (served.isEmpty()) {
      return new NoRole(fix(served));
    }
    return new NoRole(
        "imds.profile is not set and "
            + served.size()
            + " profiles are served, so IMDS serves none of them; "
            + fix(served));
  }

  private static String fix(List<String> served) {
    if (served.isEmpty()) {
      return "no profile is served; serve a role profile and name it in imds.profile";
    }
    List<String> shown = served.subList(0, Math.min(NAMES_LISTED, served.size()));
    String more =
        served.size() > shown.size() ? " (and " + (served.size() - shown.size()) + " more)" : "";
    return "set imds.profile to one of: " + String.join(", ", shown) + more;
  }
}
