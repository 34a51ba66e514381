package dev.rolekeeper.credfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A writer that ignores our lock changes the file between our read and our rename. */
class ChangedUnderUsTest {

  @TempDir Path dir;

  @Test
  void write_fileChangedBeforeRename_rereadsAndKeepsTheOtherChange() throws Exception {
    Path file = dir.resolve("credentials");
    Files.writeString(file, "[default]\nk = v\n");
    AtomicInteger checks = new AtomicInteger();
    SyncWriter writer =
        new SyncWriter(
            new CredentialsFile(file),
            Clock.systemUTC(),
            Duration.ofSeconds(3),
            target -> {
              if (checks.incrementAndGet() == 1) {
                append(
                    target,
                    "[cli]\nregion = eu-west-1\n"); // like `aws configure set`, in place and
                // without our lock
              }
            });

    WriteOutcome outcome = writer.write("dev", TestCredentials.numbered("dev", 1));

    assertThat(outcome).isInstanceOf(WriteOutcome.Written.class);
    assertThat(checks).hasValue(2);
    assertThat(Files.readString(file))
        .startsWith("[default]\nk = v\n[cli]\nregion = eu-west-1\n[dev]\n")
        .contains("aws_session_token = token-dev-1");
    try (Stream<Path> listing = Files.list(dir)) {
      assertThat(listing.filter(p -> p.getFileName().toString().contains("tmp"))).isEmpty();
    }
  }

  @Test
  void write_fileChangingOnEveryAttempt_failsAfterTheBudgetAndKeepsTheirContent() throws Exception {
    Path file = dir.resolve("credentials");
    Files.writeString(file, "[default]\nk = v\n");
    AtomicInteger changes = new AtomicInteger();
    SyncWriter writer =
        new SyncWriter(
            new CredentialsFile(file),
            Clock.systemUTC(),
            Duration.ofMillis(200),
            target -> append(target, "# edit " + changes.incrementAndGet() + "\n"));

    WriteOutcome outcome = writer.write("dev", TestCredentials.numbered("dev", 1));

    assertThat(outcome).isInstanceOf(WriteOutcome.Failed.class);
    assertThat(((WriteOutcome.Failed) outcome).reason())
        .contains("kept changing", "[dev]", file.toString());
    assertThat(changes.get()).isGreaterThanOrEqualTo(3);
    String text = Files.readString(file);
    assertThat(text).doesNotContain("[dev]").endsWith("# edit " + changes.get() + "\n");
  }

  private static void append(Path file, String text) {
    try {
      Files.writeString(file, text, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
