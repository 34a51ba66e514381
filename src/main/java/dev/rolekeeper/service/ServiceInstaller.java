package dev.rolekeeper.service;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs and removes the per-user service file (systemd unit or launchd agent) for one {@link ServiceContext}.
 *
 * <p>It writes files only; it never runs {@code systemctl} or {@code launchctl}: it returns the one command the user
 * runs next. A dry run computes the same result and touches nothing.
 */
public final class ServiceInstaller {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceInstaller.class);

  private final ServiceDefinition definition;

  public ServiceInstaller(ServiceContext context) {
    this.definition = ServiceDefinition.forContext(context);
  }

  /** What {@link #install(boolean)} wrote, or would write. */
  public record InstallResult(Path target, String content, String enableCommand, boolean written, boolean replaced) {}

  /** What {@link #uninstall(boolean)} removed, or would remove, and the command that stops the running service. */
  public record UninstallResult(List<Path> removed, String stopCommand, boolean dryRun) {}

  /**
   * Writes the service file (replacing an earlier one) and creates the directories the service needs.
   *
   * @param dryRun when true, nothing is written
   * @throws IOException naming the file or directory that could not be written
   */
  public InstallResult install(boolean dryRun) throws IOException {
    String content = definition.render();
    Path target = definition.target();
    boolean exists = Files.exists(target);
    if (!dryRun) {
      for (Path dir : definition.directoriesToCreate()) {
        createPrivateDirectories(dir);
      }
      Files.createDirectories(target.getParent());
      writeAtomically(target, content);
      LOG.info("Wrote {}", target);
    }
    return new InstallResult(target, content, definition.enableCommand(), !dryRun, exists);
  }

  /**
   * Removes the service file and the links that enabled it; the state directory and logs are kept.
   *
   * @param dryRun when true, nothing is removed and the result lists what would be
   */
  public UninstallResult uninstall(boolean dryRun) throws IOException {
    List<Path> present = new ArrayList<>(definition.linksToRemove());
    if (Files.exists(definition.target())) {
      present.add(definition.target());
    }
    if (!dryRun) {
      for (Path path : present) {
        Files.deleteIfExists(path);
        LOG.info("Removed {}", path);
      }
    }
    return new UninstallResult(List.copyOf(present), definition.stopCommand(), dryRun);
  }

  private static void createPrivateDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Files.createDirectories(dir.getParent());
    try {
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (FileAlreadyExistsException raced) {
      if (!Files.isDirectory(dir)) {
        throw new IOException("cannot create directory " + dir + ": a file of that name is in the way", raced);
      }
    }
  }

  private static void writeAtomically(Path target, String content) throws IOException {
    Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
    try {
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
