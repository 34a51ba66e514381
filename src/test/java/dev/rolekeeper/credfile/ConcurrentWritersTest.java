package dev.rolekeeper.credfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two daemons (one here, one in a child JVM, so only the file lock orders them), a third
 * process-like actor rewriting an unrelated section under the same lock, and an editor that saves
 * via temp file and rename without any lock, all at once.
 */
class ConcurrentWritersTest {

  private static final int WRITES = 150;
  private static final String LONG_TERM =
      "[default]\naws_access_key_id = AKIALONGTERM\naws_secret_access_key = keep\n";
  private static final Pattern COUNTER = Pattern.compile("(?m)^counter = (\\d+)$");

  @TempDir Path dir;

  private final ExecutorService pool = Executors.newFixedThreadPool(3);
  private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  @Test
  @Timeout(240)
  void daemonsLockedRewriterAndUnlockedEditor_neverLoseEachOthersSections() throws Exception {
    Path file = dir.resolve("credentials");
    Files.writeString(file, LONG_TERM + "\n[other]\ncounter = 0\n");
    SyncWriter daemonA = new SyncWriter(new CredentialsFile(file));
    // Every section exists before the race, so even an editor's stale save brings back an older
    // version of each.
    daemonA.write("daemon-a", TestCredentials.numbered("daemon-a", 0));
    daemonA.write("daemon-b", TestCredentials.numbered("daemon-b", 0));
    AtomicBoolean editing = new AtomicBoolean(true);
    AtomicInteger notesLost = new AtomicInteger();

    try (ChildJvm daemonB = ChildJvm.start(file, "daemon-b", 1, WRITES, true)) {
      Future<?> a = pool.submit(() -> daemonWrites(daemonA));
      Future<?> c = pool.submit(() -> lockedRewrites(file));
      Future<Integer> notes = pool.submit(() -> unlockedEdits(file, editing, notesLost));
      a.get(180, TimeUnit.SECONDS);
      c.get(180, TimeUnit.SECONDS);
      assertThat(daemonB.awaitReport(WRITES, 180))
          .as("daemon B's writes done; its stderr: %s", daemonB.errors())
          .isTrue();
      editing.set(false);
      int notesWritten = notes.get(60, TimeUnit.SECONDS);
      // With the editor gone, each locked actor's next write is its last, and must survive as
      // written.
      daemonB.release();
      assertThat(daemonB.waitForExit(60)).as("daemon B exit code").isZero();
      assertThat(daemonA.write("daemon-a", TestCredentials.numbered("daemon-a", WRITES + 1)))
          .isInstanceOf(WriteOutcome.Written.class);
      lockedRewrite(file, WRITES + 1);
      System.out.printf(
          "editor notes written=%d lost to a concurrent rename=%d%n",
          notesWritten, notesLost.get());
    }

    String text = Files.readString(file);
    assertThat(problems).isEmpty();
    assertThat(text).startsWith(LONG_TERM);
    assertThat(text)
        .contains(
            section("daemon-a", WRITES + 1),
            section("daemon-b", WRITES + 1),
            "[other]\ncounter = " + (WRITES + 1) + "\n");
    IniText.parse(text.getBytes(StandardCharsets.UTF_8), file);
    try (Stream<Path> listing = Files.list(dir)) {
      assertThat(listing.map(p -> p.getFileName().toString()).filter(n -> n.contains("tmp")))
          .isEmpty();
    }
  }

  private void daemonWrites(SyncWriter writer) {
    for (int n = 1; n <= WRITES; n++) {
      WriteOutcome outcome = writer.write("daemon-a", TestCredentials.numbered("daemon-a", n));
      if (!(outcome instanceof WriteOutcome.Written)) {
        problems.add("daemon A write " + n + ": " + outcome);
      }
    }
  }

  private Void lockedRewrites(Path file) throws Exception {
    for (int n = 1; n <= WRITES; n++) {
      lockedRewrite(file, n);
    }
    return null;
  }

  /**
   * Another tool that takes our lock: rewrites [other]'s counter and checks nobody lost a section.
   */
  private void lockedRewrite(Path file, int n) throws Exception {
    try (FileLock lock = FileLock.acquire(file)) {
      String text = Files.readString(file);
      checkAllSections(text, "locked rewriter before write " + n);
      Matcher counter = COUNTER.matcher(text);
      if (!counter.find()) {
        problems.add("locked rewriter: [other] counter missing before write " + n);
        return;
      }
      String next =
          text.substring(0, counter.start()) + "counter = " + n + text.substring(counter.end());
      Path tmp = dir.resolve(".locked-rewriter.tmp");
      Files.writeString(tmp, next);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /**
   * A careful editor without our lock: appends a note via temp file and rename; counts notes others
   * replaced.
   */
  private int unlockedEdits(Path file, AtomicBoolean editing, AtomicInteger notesLost)
      throws Exception {
    int n = 0;
    while (editing.get()) {
      n++;
      String text = Files.readString(file);
      checkAllSections(text, "editor before note " + n);
      Path tmp = dir.resolve(".editor-save.tmp");
      Files.writeString(tmp, text + "# note " + n + "\n");
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
      // A person saving hundreds of times a second, not thousands: a writer that never pauses
      // starves every
      // careful writer, ours included, and ours then reports Failed and waits for the next refresh.
      Thread.sleep(ThreadLocalRandom.current().nextInt(1, 6));
    }
    String finalText = Files.readString(file);
    for (int i = 1; i <= n; i++) {
      if (!finalText.contains("# note " + i + "\n")) {
        notesLost.incrementAndGet();
      }
    }
    return n;
  }

  private void checkAllSections(String text, String when) {
    for (String wanted :
        List.of(
            LONG_TERM,
            "\n[other]\ncounter = ",
            "\n[daemon-a]\n# managed by rolekeeper",
            "\n[daemon-b]\n# managed by rolekeeper")) {
      if (!text.contains(wanted)) {
        problems.add(
            when
                + ": missing "
                + wanted.lines().filter(l -> !l.isEmpty()).findFirst().orElse(wanted));
      }
    }
    try {
      IniText.parse(text.getBytes(StandardCharsets.UTF_8), dir.resolve("credentials"));
    } catch (IniText.InvalidIniException e) {
      problems.add(when + ": " + e.getMessage());
    }
  }

  private static String section(String name, long n) {
    return String.join("\n", ManagedSection.render(name, TestCredentials.numbered(name, n))) + "\n";
  }
}
