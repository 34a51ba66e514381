package dev.rolekeeper.endpoint;

/**
 * The profile IMDS serves as its role, shared by the endpoint's instances and changed by a reload:
 * when the settings' IMDS profile, or (with none set) the first served profile, changes, IMDS
 * serves the new one at once. Null means no role is served over IMDS.
 */
public final class ImdsRole {

  private volatile String profile;

  public ImdsRole(String profile) {
    this.profile = profile;
  }

  /** The profile served now, or null. Any thread. */
  public String get() {
    return profile;
  }

  /** Serves {@code next} from the next request on. Any thread. */
  public void set(String next) {
    profile = next;
  }
}
