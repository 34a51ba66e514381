package dev.rolekeeper.daemon;

import dev.rolekeeper.session.Unserved;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The profiles the last start or reload left unserved, for {@code status}'s {@code notServed} list.
 * Each is logged once, when it first appears or its reason changes: WARN when it needs a fix, INFO
 * when it is left out by choice. Set by start-up and the reloader, read by the endpoint's event
 * loops (one volatile list swapped whole).
 */
final class UnservedStatus {

  private static final Logger LOG = LoggerFactory.getLogger(UnservedStatus.class);

  private volatile List<Unserved> current = List.of();

  void set(List<Unserved> next) {
    List<Unserved> before = current;
    current = List.copyOf(next);
    for (Unserved unserved : next) {
      if (before.contains(unserved)) {
        continue;
      }
      if (unserved.problem()) {
        LOG.warn("profile {} is not served: {}", unserved.profile(), unserved.reason());
      } else {
        // The user's own choice (a profile left out of `profiles:`): status lists it; at every
        // start it would be noise, the demo's first screen included.
        LOG.debug("profile {} is not served: {}", unserved.profile(), unserved.reason());
      }
    }
  }

  /** {@code [{"profile": …, "reason": …, "problem": …}, …]}, in name order. */
  JsonArray json() {
    JsonArray list = new JsonArray();
    current.forEach(
        u ->
            list.add(
                new JsonObject()
                    .put("profile", u.profile())
                    .put("reason", u.reason())
                    .put("problem", u.problem())));
    return list;
  }
}
