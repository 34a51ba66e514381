package dev.rolekeeper.credfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.profiles.ProfileFile;

/**
 * Kills writer JVMs with SIGKILL at random moments, a few hundred times, and checks after each kill
 * that the file holds one complete version of the section (the last one the writer reported, or the
 * one it was writing) and every other byte as before. Two lanes (two files, one child each) run
 * side by side, because the loop is bound by JVM start time. Tunable with {@code
 * -Dcredfile.crash.kills} (default 300) and {@code -Dcredfile.crash.seconds} (default 110, the time
 * budget of the kill loop).
 */
class CrashSafetyTest {

  private static final String SECTION = "rk";
  private static final String CRLF = "\r\n";
  private static final String HEAD =
      "# the user's own file"
          + CRLF
          + "[default]"
          + CRLF
          + "aws_access_key_id = AKIALONGTERM"
          + CRLF
          + "aws_secret_access_key = keep-me"
          + CRLF
          + CRLF;
  private static final String TAIL =
      CRLF + "; after ours" + CRLF + "[later]" + CRLF + "region=eu-west-1";
  private static final Pattern VERSION = Pattern.compile("aws_session_token = token-rk-(\\d+)");
  private static final int LANES = 2;

  @TempDir Path dir;

  private final AtomicInteger kills = new AtomicInteger();
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

  @Test
  @Timeout(300)
  void killedWriter_alwaysLeavesOldOrNewSectionAndEveryOtherByte() throws Exception {
    int target = Integer.getInteger("credfile.crash.kills", 300);
    long deadline =
        System.nanoTime()
            + Duration.ofSeconds(Long.getLong("credfile.crash.seconds", 110)).toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(LANES);
    try {
      List<Future<Path>> lanes =
          Stream.iterate(1, i -> i + 1)
              .limit(LANES)
              .map(
                  i ->
                      pool.submit(
                          () ->
                              lane(
                                  Files.createDirectories(dir.resolve("lane" + i)),
                                  target,
                                  deadline)))
              .toList();
      for (Future<Path> lane : lanes) {
        Path file = lane.get(250, TimeUnit.SECONDS);
        WriteOutcome next =
            new SyncWriter(new CredentialsFile(file))
                .write(
                    SECTION,
                    TestCredentials.numbered(
                        SECTION,
                        versionIn(Files.readString(file, StandardCharsets.ISO_8859_1)) + 1));
        assertThat(next).isInstanceOf(WriteOutcome.Written.class);
        assertThat(tempFiles(file.getParent())).as("temp files after the next write").isZero();
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.printf("kills=%d failures=%d%n", kills.get(), failures.size());

    assertThat(failures).isEmpty();
    assertThat(kills.get())
        .as("kills within the time budget")
        .isGreaterThanOrEqualTo(Math.min(target, 50));
  }

  /**
   * Kills one writer after another on its own file until enough kills, the deadline, or a failure.
   */
  private Path lane(Path laneDir, int target, long deadline) throws Exception {
    Path file = laneDir.resolve("credentials");
    Files.writeString(file, HEAD);
    new SyncWriter(new CredentialsFile(file)).write(SECTION, TestCredentials.numbered(SECTION, 0));
    Files.writeString(file, Files.readString(file).stripTrailing() + TAIL);
    long version = 0;
    while (kills.get() < target && System.nanoTime() < deadline && failures.isEmpty()) {
      try (ChildJvm child = ChildJvm.start(file, SECTION, version + 1, 0, false)) {
        if (!child.awaitFirstWrite(60)) {
          failures.add(laneDir.getFileName() + ": child never wrote; stderr: " + child.errors());
          break;
        }
        // The random pause picks the kill moment; nothing waits on it.
        Thread.sleep(ThreadLocalRandom.current().nextInt(0, 25));
        child.kill();
        int kill = kills.incrementAndGet();
        String problem = check(file, version, child.lastReported());
        if (problem != null) {
          failures.add(laneDir.getFileName() + " kill " + kill + ": " + problem);
        }
        version = versionIn(Files.readString(file, StandardCharsets.ISO_8859_1));
      }
    }
    return file;
  }

  /**
   * Null if the file is the head, one complete version of our section, and the tail; else what is
   * wrong.
   */
  private static String check(Path file, long before, long lastReported) throws Exception {
    String text = Files.readString(file, StandardCharsets.ISO_8859_1);
    try {
      IniText.parse(text.getBytes(StandardCharsets.ISO_8859_1), file);
      ProfileFile.builder().content(file).type(ProfileFile.Type.CREDENTIALS).build().profiles();
    } catch (Exception e) {
      return "does not parse: " + e.getMessage();
    }
    long version = versionIn(text);
    if (version < before || version < lastReported || version > lastReported + 1) {
      return "holds version "
          + version
          + "; before this child "
          + before
          + ", child last reported "
          + lastReported;
    }
    String expected =
        HEAD
            + String.join(
                CRLF, ManagedSection.render(SECTION, TestCredentials.numbered(SECTION, version)))
            + TAIL;
    return text.equals(expected)
        ? null
        : "bytes outside the section changed (version " + version + ")";
  }

  private static long versionIn(String text) {
    Matcher matcher = VERSION.matcher(text);
    return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
  }

  private static long tempFiles(Path laneDir) throws Exception {
    try (Stream<Path> listing = Files.list(laneDir)) {
      return listing
          .filter(p -> p.getFileName().toString().startsWith(".credentials.rolekeeper-tmp-"))
          .count();
    }
  }
}
