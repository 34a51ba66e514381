package dev.rolekeeper.session;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which sessions a change of plans invalidates: a profile whose plan is new or no longer {@code
 * equals} its old one, and every profile that chains from such a profile (its credentials were
 * obtained through the old parent).
 */
final class PlanChanges {

  private PlanChanges() {}

  /** The profiles of {@code next} whose sessions must start afresh, in name order. */
  static Set<String> changed(Map<String, Plan> previous, Map<String, Plan> next) {
    Set<String> changed = new TreeSet<>();
    next.forEach(
        (name, plan) -> {
          if (!plan.equals(previous.get(name))) {
            changed.add(name);
          }
        });
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Map.Entry<String, Plan> entry : next.entrySet()) {
        if (entry.getValue() instanceof Plan.Chained chained
            && changed.contains(chained.parentProfile())
            && changed.add(entry.getKey())) {
          grew = true;
        }
      }
    }
    return changed;
  }
}
