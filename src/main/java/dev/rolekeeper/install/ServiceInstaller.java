package dev.rolekeeper.install;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Installs and removes the per-user service (systemd unit or launchd agent) for one {@link
 * ServiceContext}.
 *
 * <p>Installing copies the program to a versioned directory ({@link ProgramCopy}) and writes the
 * service file pointing at that copy. Uninstalling removes the service file, its enable links and
 * every installed copy, and keeps the state directory and logs. It never runs {@code systemctl} or
 * {@code launchctl}: it returns the one command the user runs next. A dry run computes the same
 * result and touches nothing.
 */
public final class ServiceInstaller {

  private final ServiceContext context;

  public ServiceInstaller(ServiceContext context) {
    this.context = context;
  }

  /**
   * What {@link #install(boolean)} wrote, or would write (the caller knows which: its dry run).
   *
   * @param replaced whether a service file was there before
   * @param programDir the version directory the service runs from
   * @param otherVersions other installed versions, which a rollback can point the service back at
   */
  public record InstallResult(
      Path target,
      String content,
      String enableCommand,
      boolean replaced,
      Path programDir,
      List<Path> otherVersions) {}

  /**
   * What {@link #uninstall(boolean)} removed, or would remove, the command that stops the running
   * service, and what was deliberately kept (the state directory) and where the logs are.
   */
  public record UninstallResult(
      List<Path> removed, String stopCommand, boolean dryRun, Path keptStateDir, String logs) {}

  /**
   * Copies the program to its version directory, writes the service file (replacing an earlier one)
   * and creates the directories the service needs.
   *
   * @param dryRun when true, nothing is written
   * @throws IOException naming the file or directory that could not be written
   */
  public InstallResult install(boolean dryRun) throws IOException {
    ProgramCopy copy = ProgramCopy.plan(context);
    ServiceDefinition definition = ServiceDefinition.forContext(copy.installed());
    String content = definition.render();
    Path target = definition.target();
    boolean exists = Files.exists(target);
    if (!dryRun) {
      for (Path dir : definition.directoriesToCreate()) {
        createPrivateDirectories(dir);
      }
      copy.copy();
      Files.createDirectories(target.getParent());
      writeAtomically(target, content);
    }
    List<Path> others =
        ProgramCopy.installedVersions(context).stream().filter(d -> !d.equals(copy.dir())).toList();
    return new InstallResult(
        target, content, definition.enableCommand(), exists, copy.dir(), others);
  }

  /**
   * Removes the service file, the links that enabled it and the installed copies; the state
   * directory and logs are kept.
   *
   * @param dryRun when true, nothing is removed and the result lists what would be
   */
  public UninstallResult uninstall(boolean dryRun) throws IOException {
    ServiceDefinition definition = ServiceDefinition.forContext(context);
    List<Path> present = new ArrayList<>(definition.linksToRemove());
    if (Files.exists(definition.target())) {
      present.add(definition.target());
    }
    present.addAll(ProgramCopy.installedVersions(context));
    if (!dryRun) {
      for (Path path : present) {
        deleteTree(path);
      }
      Path root = context.paths().installRoot();
      if (!root.equals(context.stateDir()) && Files.isDirectory(root) && isEmpty(root)) {
        Files.delete(root);
      }
    }
    return new UninstallResult(
        List.copyOf(present),
        definition.stopCommand(),
        dryRun,
        context.stateDir(),
        definition.logs());
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    }
  }

  private static void deleteTree(Path path) throws IOException {
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> walk = Files.walk(path)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    } else {
      Files.deleteIfExists(path);
    }
  }

  private static void createPrivateDirectories(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Files.createDirectories(dir.getParent());
    try {
      Files.createDirectory(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } catch (FileAlreadyExistsException raced) {
      if (!Files.isDirectory(dir)) {
        throw new IOException(
            "cannot create directory " + dir + ": a file of that name is in the way", raced);
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

  /** How to stop a daemon that is already running, as the service managers know it. */
  public static String stopAdvice(OptionalLong pid) {
    String kill = pid.isPresent() ? ", or kill " + pid.getAsLong() : "";
    return "stop it with 'systemctl --user stop "
        + SystemdUnit.UNIT_NAME
        + "' (Linux) or 'launchctl bootout gui/$(id -u)/"
        + LaunchdAgent.LABEL
        + "' (macOS)"
        + kill
        + ", then start again";
  }
}
