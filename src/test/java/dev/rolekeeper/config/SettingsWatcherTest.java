package dev.rolekeeper.config;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

@ExtendWith(VertxExtension.class)
class SettingsWatcherTest {

  private static final Duration SCAN = Duration.ofMillis(50);

  @TempDir Path home;

  private Path file;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger watcherLogger = (Logger) LoggerFactory.getLogger(SettingsWatcher.class);

  @BeforeEach
  void setUp() throws IOException {
    file = home.resolve(".config/rolekeeper/config.yaml");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "listen:\n  port: 7000\n");
    log.start();
    watcherLogger.addAppender(log);
  }

  @AfterEach
  void tearDown() {
    watcherLogger.detachAppender(log);
  }

  private Future<SettingsLoader> loader(Vertx vertx) {
    return SettingsLoader.create(vertx, Optional.empty(), Map.of("HOME", home.toString()), SCAN);
  }

  /** Replaces the file atomically, so no scan can see it half-written. */
  private Future<Void> write(Vertx vertx, String yaml) {
    return vertx.executeBlocking(
        () -> {
          Path tmp = Files.writeString(file.resolveSibling("config.yaml.tmp"), yaml);
          Files.move(
              tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          return null;
        });
  }

  @Test
  void start_fileChanges_listenerGetsNewSettings(Vertx vertx, VertxTestContext ctx) {
    loader(vertx)
        .onComplete(
            ctx.succeeding(
                loader ->
                    loader
                        .load()
                        .onComplete(
                            ctx.succeeding(
                                initial -> {
                                  SettingsWatcher watcher =
                                      SettingsWatcher.start(
                                          loader,
                                          initial,
                                          next ->
                                              ctx.verify(
                                                  () -> {
                                                    assertThat(initial.listen().port())
                                                        .isEqualTo(7000);
                                                    assertThat(next.listen().port())
                                                        .isEqualTo(7100);
                                                    assertThat(next.mfa().leadTime())
                                                        .isEqualTo(Duration.ofMinutes(10));
                                                    loader
                                                        .close()
                                                        .onComplete(ctx.succeedingThenComplete());
                                                  }));
                                  assertThat(watcher.current()).isSameAs(initial);
                                  write(vertx, "listen:\n  port: 7100\n");
                                }))));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "'listen:\n  port: [7100'     | cannot be read as YAML",
        "'listen:\n  host: 0.0.0.0\n' | listen.host: 0.0.0.0 is not a loopback address",
        "'lisen:\n  port: 7100\n'     | lisen: unknown key"
      })
  void start_badNewFile_keepsOldSettingsAndLogsOneError(
      String badYaml, String expectedProblem, Vertx vertx, VertxTestContext ctx) {
    AtomicReference<SettingsWatcher> watcher = new AtomicReference<>();
    loader(vertx)
        .onComplete(
            ctx.succeeding(
                loader ->
                    loader
                        .load()
                        .onComplete(
                            ctx.succeeding(
                                initial -> {
                                  watcher.set(
                                      SettingsWatcher.start(
                                          loader,
                                          initial,
                                          next ->
                                              ctx.verify(
                                                  () -> {
                                                    assertThat(next.listen().port())
                                                        .isEqualTo(7200);
                                                    assertThat(watcher.get().current())
                                                        .isSameAs(next);
                                                    loader
                                                        .close()
                                                        .onComplete(ctx.succeedingThenComplete());
                                                  })));
                                  // Runs once the watcher has judged each new tree.
                                  watcher
                                      .get()
                                      .afterEachChange(
                                          tree -> {
                                            if (tree.getJsonObject("listen", null) == null
                                                || !tree.getJsonObject("listen")
                                                    .getValue("port")
                                                    .equals(7200)) {
                                              ctx.verify(
                                                  () -> {
                                                    assertThat(watcher.get().current())
                                                        .isSameAs(initial);
                                                    List<ILoggingEvent> errors =
                                                        log.list.stream()
                                                            .filter(
                                                                e -> e.getLevel() == Level.ERROR)
                                                            .toList();
                                                    assertThat(errors).hasSize(1);
                                                    assertThat(errors.get(0).getFormattedMessage())
                                                        .startsWith(
                                                            "Settings not reloaded, keeping the previous ones: ~/.config/rolekeeper/config.yaml: ")
                                                        .contains(expectedProblem);
                                                  });
                                              write(vertx, "listen:\n  port: 7200\n");
                                            }
                                          });
                                  write(vertx, badYaml);
                                }))));
  }

  @Test
  void start_optionalFileDeleted_fallsBackToDefaults(Vertx vertx, VertxTestContext ctx) {
    loader(vertx)
        .onComplete(
            ctx.succeeding(
                loader ->
                    loader
                        .load()
                        .onComplete(
                            ctx.succeeding(
                                initial -> {
                                  SettingsWatcher.start(
                                      loader,
                                      initial,
                                      next ->
                                          ctx.verify(
                                              () -> {
                                                assertThat(next.listen().port()).isEqualTo(9911);
                                                loader
                                                    .close()
                                                    .onComplete(ctx.succeedingThenComplete());
                                              }));
                                  vertx.fileSystem().delete(file.toString());
                                }))));
  }

  @Test
  void start_commandLineFileDeleted_keepsOldSettingsAndLogsOneError(
      Vertx vertx, VertxTestContext ctx) {
    SettingsLoader.create(vertx, Optional.of(file), Map.of("HOME", home.toString()), SCAN)
        .onComplete(
            ctx.succeeding(
                loader ->
                    loader
                        .load()
                        .onComplete(
                            ctx.succeeding(
                                initial -> {
                                  SettingsWatcher watcher =
                                      SettingsWatcher.start(
                                          loader,
                                          initial,
                                          next -> ctx.failNow("reloaded: " + next));
                                  watcher.afterEachChange(
                                      tree ->
                                          ctx.verify(
                                              () -> {
                                                assertThat(watcher.current()).isSameAs(initial);
                                                assertThat(log.list)
                                                    .singleElement()
                                                    .satisfies(
                                                        e ->
                                                            assertThat(e.getFormattedMessage())
                                                                .endsWith(
                                                                    "~/.config/rolekeeper/config.yaml: no such file"));
                                                loader
                                                    .close()
                                                    .onComplete(ctx.succeedingThenComplete());
                                              }));
                                  vertx.fileSystem().delete(file.toString());
                                }))));
  }
}
