package dev.rolekeeper.install;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The files an installed service runs, copied to {@code installRoot/VERSION/} where no build,
 * {@code mvn clean} or moved clone can pull them away: the jar, and every file a JVM flag names by
 * absolute path (such as a class-data archive, {@code -XX:SharedArchiveFile=…}). A flag that names
 * a path in the jar's directory is pointed at the copy even when that file does not exist yet (the
 * JVM may create it).
 *
 * <p>Each version has its own directory, so installing a new version leaves the old one in place:
 * running {@code install-service} from an old copy points the service back at it. Files are
 * replaced by renaming a complete temporary copy over them, so a service running from the old file
 * keeps its open inode.
 *
 * @param dir the version directory
 * @param files source → destination, the jar first
 * @param installed the context as the service will run: the copied jar and the rewritten flags
 */
public record ProgramCopy(Path dir, Map<Path, Path> files, ServiceContext installed) {

  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]*");

  public ProgramCopy {
    files = Map.copyOf(files);
  }

  /**
   * What installing the context's program would copy, and the context that then runs the copy.
   *
   * @throws IllegalStateException when the version cannot name a directory (e.g. contains a slash)
   */
  public static ProgramCopy plan(ServiceContext context) {
    if (!VERSION.matcher(context.version()).matches()) {
      throw new IllegalStateException(
          "cannot install version '" + context.version() + "': not a directory name");
    }
    Path dir = context.paths().installRoot().resolve(context.version());
    Map<Path, Path> files = new LinkedHashMap<>();
    Path jar = dir.resolve("rolekeeper.jar");
    files.put(context.jar(), jar);
    List<String> flags = new ArrayList<>();
    for (String flag : context.jvmFlags()) {
      flags.add(relocate(flag, context.jar().getParent(), dir, files));
    }
    return new ProgramCopy(dir, files, context.runningFrom(jar, flags));
  }

  /**
   * Copies every file whose copy is missing or differs, then makes the version directory readable.
   */
  public void copy() throws IOException {
    Files.createDirectories(dir);
    for (Map.Entry<Path, Path> file : files.entrySet()) {
      Path source = file.getKey();
      Path target = file.getValue();
      if (Files.exists(target) && Files.isSameFile(source, target)) {
        continue;
      }
      Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
      try {
        // Attributes (the modification time) kept: a class-data archive checks its jar's size and
        // time.
        Files.copy(
            source, temp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        Files.move(
            temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temp);
      }
    }
  }

  /**
   * Version directories under the context's install root (each holds a rolekeeper.jar), for
   * uninstalling.
   */
  public static List<Path> installedVersions(ServiceContext context) throws IOException {
    Path root = context.paths().installRoot();
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (var dirs = Files.list(root)) {
      return dirs.filter(d -> VERSION.matcher(d.getFileName().toString()).matches())
          .filter(
              d ->
                  Files.isRegularFile(
                      d.resolve("rolekeeper.jar"), java.nio.file.LinkOption.NOFOLLOW_LINKS))
          .sorted()
          .toList();
    }
  }

  private static String relocate(String flag, Path jarDir, Path dir, Map<Path, Path> files) {
    int eq = flag.indexOf('=');
    if (eq < 0) {
      return flag;
    }
    Path named;
    try {
      named = Path.of(flag.substring(eq + 1));
    } catch (java.nio.file.InvalidPathException e) {
      return flag;
    }
    boolean besideJar = jarDir != null && named.isAbsolute() && jarDir.equals(named.getParent());
    if (!named.isAbsolute() || !(besideJar || Files.isRegularFile(named))) {
      return flag;
    }
    Path copy = dir.resolve(named.getFileName());
    if (Files.isRegularFile(named)) {
      files.put(named, copy);
    }
    return flag.substring(0, eq + 1) + copy;
  }
}
