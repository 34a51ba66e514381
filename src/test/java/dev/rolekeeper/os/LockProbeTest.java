package dev.rolekeeper.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The instance-lock probe: it tells held from free, and neither creates nor follows anything. */
class LockProbeTest {

  @TempDir Path dir;

  @Test
  void probe_noFile_isMissingAndCreatesNone() throws IOException {
    Path lock = dir.resolve("rolekeeper.lock");

    assertThat(LockProbe.probe(lock)).isEqualTo(LockProbe.State.MISSING);
    assertThat(lock).doesNotExist();
  }

  @Test
  void probe_fileNobodyLocks_isFreeAndUnchanged() throws IOException {
    Path lock = Files.writeString(dir.resolve("rolekeeper.lock"), "4242\n");

    assertThat(LockProbe.probe(lock)).isEqualTo(LockProbe.State.FREE);
    assertThat(lock).hasContent("4242");
  }

  @Test
  void probe_lockedFile_isHeld() throws IOException {
    Path lock = Files.writeString(dir.resolve("rolekeeper.lock"), "4242\n");
    try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE);
        FileLock held = channel.lock()) {
      assertThat(LockProbe.probe(lock)).isEqualTo(LockProbe.State.HELD);
    }
  }

  @Test
  void probe_symbolicLink_isRefusedAndItsTargetUntouched() throws IOException {
    Path target = Files.writeString(dir.resolve("precious"), "keep me");
    Path lock = Files.createSymbolicLink(dir.resolve("rolekeeper.lock"), target);

    assertThatThrownBy(() -> LockProbe.probe(lock)).isInstanceOf(IOException.class);
    assertThat(target).hasContent("keep me");
  }
}
