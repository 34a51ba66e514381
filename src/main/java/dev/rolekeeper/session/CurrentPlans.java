package dev.rolekeeper.session;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The session manager's current plans and sessions, as the credential fetcher sees them. Read on
 * the manager's context; the suppliers give whatever the latest reload put in place.
 */
final class CurrentPlans implements CredentialFetcher.Plans {

  private final Map<String, Session> sessions;
  private final Supplier<Map<String, Plan>> plans;
  private final Supplier<Set<String>> served;

  CurrentPlans(
      Map<String, Session> sessions,
      Supplier<Map<String, Plan>> plans,
      Supplier<Set<String>> served) {
    this.sessions = sessions;
    this.plans = plans;
    this.served = served;
  }

  /**
   * Refuses a set of plans that leaves a served profile without one.
   *
   * @throws IllegalArgumentException naming the first such profile
   */
  static void checkServedArePlanned(Map<String, Plan> plans, Set<String> served) {
    served.forEach(
        name -> {
          if (!plans.containsKey(name)) {
            throw new IllegalArgumentException("no plan for served profile " + name);
          }
        });
  }

  @Override
  public Session session(String profile) {
    Session session = sessions.get(profile);
    if (session == null) {
      throw new IllegalStateException("no session for chained profile " + profile);
    }
    return session;
  }

  @Override
  public List<String> profilesOnDevice(String device) {
    Set<String> servedNow = served.get();
    return plans.get().entrySet().stream()
        .filter(e -> servedNow.contains(e.getKey()) && device.equals(e.getValue().mfaDevice()))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  @Override
  public RoleHop mfaHop(String device) {
    return plans.get().values().stream()
        .filter(p -> p instanceof Plan.MfaSession m && m.mfaDevice().equals(device))
        .map(Plan::hop)
        .findFirst()
        .orElseGet(
            () -> new RoleHop(device, null, null, 0, null, RoleHop.Route.regional("us-east-1")));
  }
}
