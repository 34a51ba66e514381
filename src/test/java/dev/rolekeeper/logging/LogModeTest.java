package dev.rolekeeper.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LogModeTest {

  @Test
  void detect_journalStreamMatchesStdout_journal() {
    assertThat(
            LogMode.detect(
                Map.of("JOURNAL_STREAM", "8:12345", "INVOCATION_ID", "abc"),
                Optional.of("8:12345")))
        .isEqualTo(new LogMode.Journal());
  }

  @Test
  void detect_journalStreamInheritedButStdoutElsewhere_terminal() {
    assertThat(
            LogMode.detect(
                Map.of("JOURNAL_STREAM", "8:12345", "INVOCATION_ID", "abc"), Optional.of("0:99")))
        .isEqualTo(new LogMode.Terminal());
  }

  @Test
  void detect_journalStreamAndStdoutUnreadable_trustsInvocationId() {
    assertThat(
            LogMode.detect(
                Map.of("JOURNAL_STREAM", "8:1", "INVOCATION_ID", "abc"), Optional.empty()))
        .isEqualTo(new LogMode.Journal());
    assertThat(LogMode.detect(Map.of("JOURNAL_STREAM", "8:1"), Optional.empty()))
        .isEqualTo(new LogMode.Terminal());
  }

  @Test
  void detect_logFileSet_fileEvenUnderJournal() {
    assertThat(
            LogMode.detect(
                Map.of(LogMode.LOG_FILE_ENV, "/logs/rk.log", "JOURNAL_STREAM", "1:2"),
                Optional.of("1:2")))
        .isEqualTo(new LogMode.File(Path.of("/logs/rk.log")));
  }

  @Test
  void detect_plainEnvironment_terminal() {
    assertThat(LogMode.detect(Map.of(), Optional.of("0:5"))).isEqualTo(new LogMode.Terminal());
  }
}
