package dev.rolekeeper.os;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BoundedFilesTest {

  @TempDir Path dir;

  @Test
  void read_fileAtTheLimit_returnsAllOfIt() throws Exception {
    byte[] bytes = new byte[4096];
    Arrays.fill(bytes, (byte) 'a');
    Path file = Files.write(dir.resolve("f"), bytes);

    assertThat(BoundedFiles.read(file, 4096)).isEqualTo(bytes);
  }

  @Test
  void read_fileOneByteOverTheLimit_isRefusedNamingItAndTheLimit() throws Exception {
    Path file = Files.write(dir.resolve("f"), new byte[4097]);

    assertThatThrownBy(() -> BoundedFiles.read(file, 4096))
        .isInstanceOf(BoundedFiles.InputTooLargeException.class)
        .hasMessage(file + " is larger than 4 KiB, the most rolekeeper reads of it")
        .satisfies(
            e -> assertThat(((BoundedFiles.InputTooLargeException) e).limit()).isEqualTo(4096));
  }

  @Test
  void read_fileWhoseSizeSaysNothing_isCutOffWhileReading() {
    // /dev/zero reports size 0 and never ends: only the bound on the read itself stops it, as it
    // stops a file that grows after its size was checked.
    Path zero = Path.of("/dev/zero");

    assertThatThrownBy(() -> BoundedFiles.read(zero, 1 << 20))
        .isInstanceOf(BoundedFiles.InputTooLargeException.class)
        .hasMessageStartingWith("/dev/zero is larger than 1 MiB");
  }

  @Test
  void read_missingFile_saysNoSuchFile() {
    assertThatThrownBy(() -> BoundedFiles.read(dir.resolve("absent"), 10))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void drain_streamLongerThanTheLimit_keepsItsStartAndReadsItToTheEnd() {
    byte[] bytes = new byte[100_000];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) i;
    }
    ByteArrayInputStream in = new ByteArrayInputStream(bytes);

    BoundedFiles.Drained drained = BoundedFiles.drain(in, 10_000);

    assertThat(drained.overflowed()).isTrue();
    assertThat(drained.kept()).isEqualTo(Arrays.copyOf(bytes, 10_000));
    assertThat(in.available()).as("read to the end, so a writer never stalls").isZero();
  }

  @Test
  void drain_streamWithinTheLimit_keepsItAll() {
    InputStream in = new ByteArrayInputStream("{\"Version\": 1}".getBytes());

    BoundedFiles.Drained drained = BoundedFiles.drain(in, 100);

    assertThat(drained.overflowed()).isFalse();
    assertThat(drained.text()).isEqualTo("{\"Version\": 1}");
  }

  @Test
  void describe_roundUnits() {
    assertThat(BoundedFiles.describe(BoundedFiles.CONFIG_FILE_LIMIT)).isEqualTo("1 MiB");
    assertThat(BoundedFiles.describe(BoundedFiles.SMALL_INPUT_LIMIT)).isEqualTo("256 KiB");
    assertThat(BoundedFiles.describe(512 << 10)).isEqualTo("512 KiB");
    assertThat(BoundedFiles.describe(1000)).isEqualTo("1000 bytes");
  }
}
