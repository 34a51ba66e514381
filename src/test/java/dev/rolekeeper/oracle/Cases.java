package dev.rolekeeper.oracle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The corpus under {@code src/test/resources/sdk-oracle}: one directory per case with {@code
 * config}, optionally {@code credentials} and {@code env} (KEY=VALUE lines). {@code $CASE} in a
 * file stands for the directory the case is copied to (token files).
 */
final class Cases {

  static final Path ROOT = Path.of("src/test/resources/sdk-oracle");

  private Cases() {}

  static List<Path> all() {
    try (Stream<Path> dirs = Files.list(ROOT)) {
      return dirs.filter(Files::isDirectory).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The case copied into {@code into}, {@code $CASE} replaced by that directory. */
  static Path copy(Path original, Path into) throws IOException {
    Path dir = Files.createDirectories(into.resolve(original.getFileName()));
    try (Stream<Path> files = Files.list(original)) {
      for (Path file : files.toList()) {
        Files.writeString(
            dir.resolve(file.getFileName()),
            Files.readString(file).replace("$CASE", dir.toString()));
      }
    }
    return dir;
  }

  /** The case's environment: its {@code env} file and the two AWS file locations. */
  static Map<String, String> environment(Path copied) throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_CONFIG_FILE", copied.resolve("config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", copied.resolve("credentials").toString());
    Path file = copied.resolve("env");
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file)) {
        int equals = line.indexOf('=');
        if (equals > 0 && !line.startsWith("#")) {
          env.put(line.substring(0, equals), line.substring(equals + 1));
        }
      }
    }
    return env;
  }
}
