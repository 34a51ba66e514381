package dev.rolekeeper.config;

import static dev.rolekeeper.config.ConfigKeys.*;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code sync} section: each target maps a served profile to a section name of the credentials
 * file, and no two profiles share a section (they would overwrite each other).
 */
final class SyncSettingsParser {

  private SyncSettingsParser() {}

  static Settings.Sync parse(SettingsReader r, List<String> profiles) {
    Map<String, String> targets = r.stringMap(SYNC_TARGETS);
    Set<String> sections = new HashSet<>();
    for (Map.Entry<String, String> t : targets.entrySet()) {
      ProfileNames.served(r, SYNC_TARGETS, Optional.of(t.getKey()), profiles);
      if (!ProfileNames.usable(t.getValue())) {
        throw r.error(
            SYNC_TARGETS,
            t.getKey()
                + ": '"
                + t.getValue()
                + "' is not a usable section name (no spaces, brackets, '#', ';' or '=')");
      }
      if (!sections.add(t.getValue())) {
        throw r.error(
            SYNC_TARGETS,
            t.getKey()
                + ": section '"
                + t.getValue()
                + "' is already the target of another"
                + " profile");
      }
    }
    return new Settings.Sync(r.path(SYNC_FILE), r.bool(SYNC_REMOVE_ON_SHUTDOWN), targets);
  }
}
