package dev.rolekeeper.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The private file that leads the browser to a secret link. */
@ExtendWith(VertxExtension.class)
class BrowserHandoffTest {

  private static final String LINK = "http://127.0.0.1:4321/mfa/Zm9vYmFyYmF6cXV4cXV1eA";

  @TempDir Path state;

  @Test
  void write_link_ownerOnlyFileInOwnerOnlyDirectoryThatRedirectsWithoutReferrer(Vertx vertx)
      throws Exception {
    BrowserHandoff handoff =
        new BrowserHandoff(vertx, state.resolve("open"), BrowserHandoff.LIFETIME);

    Path file = handoff.write(LINK).await();

    assertThat(file.getParent()).isEqualTo(state.resolve("open"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(file.getFileName().toString()).doesNotContain("Zm9v");
    assertThat(Files.readString(file))
        .contains("<meta http-equiv=\"refresh\" content=\"0;url=" + LINK + "\">")
        .contains("<a href=\"" + LINK + "\"")
        .contains("<meta name=\"referrer\" content=\"no-referrer\">")
        .doesNotContain("<script");
  }

  @Test
  void opened_afterTwoWritesOfTheLink_removesBothAndKeepsOtherLinks(Vertx vertx) throws Exception {
    BrowserHandoff handoff =
        new BrowserHandoff(vertx, state.resolve("open"), BrowserHandoff.LIFETIME);
    Path first = handoff.write(LINK).await();
    Path second = handoff.write(LINK).await();
    Path other = handoff.write("http://127.0.0.1:4321/mfa/other").await();

    handoff.opened(LINK).await();

    assertThat(first).doesNotExist();
    assertThat(second).doesNotExist();
    assertThat(other).exists();
  }

  @Test
  void write_neverOpened_fileRemovedAfterItsLifetime(Vertx vertx) throws Exception {
    BrowserHandoff handoff =
        new BrowserHandoff(vertx, state.resolve("open"), Duration.ofMillis(200));

    Path file = handoff.write(LINK).await();

    assertThat(file).exists();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (Files.exists(file) && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    assertThat(file).doesNotExist();
  }

  @Test
  void clear_filesAnEarlierRunLeft_removed(Vertx vertx) throws Exception {
    Path dir = Files.createDirectories(state.resolve("open"));
    Path stale = Files.writeString(dir.resolve(BrowserHandoff.PREFIX + "123.html"), LINK);
    BrowserHandoff handoff = new BrowserHandoff(vertx, dir, BrowserHandoff.LIFETIME);
    Path fresh = handoff.write(LINK).await();

    handoff.clear();

    assertThat(stale).doesNotExist();
    assertThat(fresh).doesNotExist();
    assertThat(dir).exists();
  }

  @Test
  void temporary_firstWrite_makesAPrivateDirectory(Vertx vertx) throws Exception {
    BrowserHandoff handoff = BrowserHandoff.temporary(vertx);
    try {
      Path file = handoff.write(LINK).await();

      assertThat(Files.isDirectory(file.getParent(), LinkOption.NOFOLLOW_LINKS)).isTrue();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
          .isEqualTo("rwx------");
    } finally {
      handoff.clear();
      Files.deleteIfExists(handoff.directory());
    }
  }
}
