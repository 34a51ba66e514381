package dev.rolekeeper.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds programs on a PATH, the way a shell would, without running anything. */
public final class ProgramLocator {

  private final String path;

  /**
   * @param path a PATH value (entries separated by {@link File#pathSeparator}); null means empty
   */
  public ProgramLocator(String path) {
    this.path = path == null ? "" : path;
  }

  /** The first executable called {@code name} on the PATH. */
  public Optional<Path> find(String name) {
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
