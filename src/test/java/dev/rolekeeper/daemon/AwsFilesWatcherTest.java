package dev.rolekeeper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.Polling;
import dev.rolekeeper.os.ChangeScan;
import dev.rolekeeper.paths.UserPaths.AwsFiles;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class AwsFilesWatcherTest {

  private static final Duration SCAN = Duration.ofMillis(10);
  private static final Duration SETTLE = Duration.ofMillis(600);
  private static final Duration WITHIN = Duration.ofSeconds(20);

  @TempDir Path home;

  private AwsFilesWatcher watcher;

  @AfterEach
  void stop() {
    if (watcher != null) {
      watcher.stop();
    }
  }

  @Test
  void fileTruncatedThenWrittenSlowly_listenerSeesOnlyTheFinishedContent(Vertx vertx)
      throws Exception {
    AwsFiles files = new AwsFiles(home.resolve("config"), home.resolve("credentials"));
    Files.writeString(files.configFile(), "[profile a]\nregion = eu-west-1\n");
    List<String> seen = new CopyOnWriteArrayList<>();
    watcher =
        AwsFilesWatcher.start(
            vertx,
            files,
            new ChangeScan.Periods(SCAN, SCAN, SETTLE),
            AwsFilesWatcher.fingerprint(files),
            () -> seen.add(read(files.configFile())));

    // A writer that truncates, then writes half a settle period later: scans every 10 ms see the
    // empty file in between.
    Files.writeString(files.configFile(), "");
    vertx.setTimer(
        SETTLE.toMillis() / 2,
        id -> write(files.configFile(), "[profile b]\nregion = eu-west-2\n"));
    Polling.until(vertx, () -> !seen.isEmpty(), WITHIN);
    write(files.configFile(), "[profile c]\nregion = eu-west-3\n");
    Polling.until(vertx, () -> seen.size() >= 2, WITHIN);

    assertThat(seen)
        .containsExactly("[profile b]\nregion = eu-west-2\n", "[profile c]\nregion = eu-west-3\n");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String content) {
    try {
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
