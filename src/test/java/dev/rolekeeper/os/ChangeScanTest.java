package dev.rolekeeper.os;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class ChangeScanTest {

  /** Longer than any test runs: a scan within a test was caused by a reported edit. */
  private static final Duration NEVER = Duration.ofHours(1);

  private static final Duration SETTLE = Duration.ofMillis(20);

  @TempDir Path dir;

  @Test
  void edit_watchedFile_scansWithoutWaitingForAPeriod(Vertx vertx, VertxTestContext ctx)
      throws IOException {
    Path file = Files.writeString(dir.resolve("config"), "[default]\n");
    expectScanAfterEdit(vertx, ctx, file, file);
  }

  @Test
  void edit_targetOfSymlinkedFile_scans(Vertx vertx, VertxTestContext ctx) throws IOException {
    Path elsewhere = Files.createDirectories(dir.resolve("dotfiles"));
    Path target = Files.writeString(elsewhere.resolve("aws-config"), "[default]\n");
    Path home = Files.createDirectories(dir.resolve("home"));
    Path link = Files.createSymbolicLink(home.resolve("config"), target);
    expectScanAfterEdit(vertx, ctx, link, target);
  }

  /**
   * The first scan runs once the watch is in place; it edits {@code edited}, and the periods are
   * too long to matter, so a second scan can only come from the reported edit.
   */
  private static void expectScanAfterEdit(
      Vertx vertx, VertxTestContext ctx, Path watched, Path edited) {
    AtomicInteger scans = new AtomicInteger();
    ChangeScan[] changes = new ChangeScan[1];
    changes[0] =
        ChangeScan.start(
            vertx,
            vertx.getOrCreateContext(),
            List.of(watched),
            new ChangeScan.Periods(NEVER, NEVER, SETTLE),
            () -> {
              if (scans.incrementAndGet() == 1) {
                return vertx.executeBlocking(
                    () -> Files.writeString(edited, "[default]\nregion = x\n"));
              }
              ctx.verify(() -> assertThat(Files.readString(watched)).contains("region = x"));
              changes[0].stop();
              ctx.completeNow();
              return Future.succeededFuture();
            });
  }

  @Test
  void missingDirectory_scansEveryUnwatchedPeriod(Vertx vertx, VertxTestContext ctx) {
    Path file = dir.resolve("not-yet/config");
    AtomicInteger scans = new AtomicInteger();
    ChangeScan[] changes = new ChangeScan[1];
    changes[0] =
        ChangeScan.start(
            vertx,
            vertx.getOrCreateContext(),
            List.of(file),
            new ChangeScan.Periods(Duration.ofMillis(20), NEVER, SETTLE),
            () -> {
              if (scans.incrementAndGet() == 3) {
                changes[0].stop();
                ctx.completeNow();
              }
              return Future.succeededFuture();
            });
  }
}
