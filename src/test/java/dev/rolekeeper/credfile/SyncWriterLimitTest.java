package dev.rolekeeper.credfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The credentials file being synced is read with the AWS files' size limit. */
class SyncWriterLimitTest {

  @TempDir Path dir;

  private SyncWriter writerFor(Path file) {
    return new SyncWriter(
        new CredentialsFile(file),
        Clock.fixed(Instant.parse("2026-11-27T22:00:00Z"), ZoneOffset.UTC));
  }

  @Test
  void write_fileOverTheLimit_failsNamingItAndTheLimitAndLeavesItUntouched() throws Exception {
    Path file = dir.resolve("credentials");
    String huge = "# padding\n".repeat(120_000);
    Files.writeString(file, huge);

    WriteOutcome outcome = writerFor(file).write("dev", TestCredentials.numbered("dev", 1));

    assertThat(outcome)
        .isEqualTo(
            new WriteOutcome.Failed(
                "could not update section [dev] of "
                    + file
                    + ": "
                    + file
                    + " is larger than 1 MiB, the most rolekeeper reads of it"));
    assertThat(Files.readString(file)).isEqualTo(huge);
  }
}
