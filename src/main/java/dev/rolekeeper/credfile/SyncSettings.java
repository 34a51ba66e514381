package dev.rolekeeper.credfile;

import dev.rolekeeper.config.Settings;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The credentials-file sync settings.
 *
 * @param targets which served profiles go to which sections; no section may appear twice
 * @param file the credentials file
 * @param removeOnShutdown whether the daemon removes its sections when it stops (so no stale keys
 *     stay behind)
 */
public record SyncSettings(
    List<SyncTarget> targets, CredentialsFile file, boolean removeOnShutdown) {

  public SyncSettings {
    targets = List.copyOf(targets);
    Objects.requireNonNull(file, "file");
    Set<String> sections = new HashSet<>();
    for (SyncTarget target : targets) {
      if (!sections.add(target.section())) {
        throw new IllegalArgumentException(
            "credentials sync: section '"
                + target.section()
                + "' is the target of more than one profile");
      }
    }
  }

  /**
   * The sync settings of {@code sync}, writing to {@code file} (the settings' file or the AWS
   * default).
   */
  public static SyncSettings from(Settings.Sync sync, Path file) {
    List<SyncTarget> targets =
        sync.targets().entrySet().stream()
            .map(e -> new SyncTarget(e.getKey(), e.getValue()))
            .toList();
    return new SyncSettings(targets, new CredentialsFile(file), sync.removeOnShutdown());
  }

  /** The targets fed by one served profile (usually zero or one). */
  public List<SyncTarget> targetsOf(String profile) {
    return targets.stream().filter(t -> t.profile().equals(profile)).toList();
  }

  /** The target writing {@code section}, if any. */
  public Optional<SyncTarget> targetFor(String section) {
    return targets.stream().filter(t -> t.section().equals(section)).findFirst();
  }
}
