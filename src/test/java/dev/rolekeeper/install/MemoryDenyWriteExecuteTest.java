package dev.rolekeeper.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rolekeeper.daemon.Processes;
import dev.rolekeeper.daemon.TestContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why the unit has no {@code MemoryDenyWriteExecute=yes}: no user manager runs in CI to start the
 * unit, so this applies the same kernel rule directly. Linux 6.3+ offers it per process as {@code
 * prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN)}, inherited across exec, which is what systemd's
 * seccomp filter enforces too: no mapping may become executable after being writable.
 */
class MemoryDenyWriteExecuteTest {

  private static final String WRAPPER =
      String.join(
          "\n",
          "import ctypes, os, sys",
          "if sys.argv[1] == 'mdwe':",
          "    libc = ctypes.CDLL(None, use_errno=True)",
          "    if libc.prctl(65, 1, 0, 0, 0) != 0:", // PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN
          "        print('prctl(PR_SET_MDWE) failed, errno', ctypes.get_errno())",
          "        sys.exit(77)",
          "os.execv(sys.argv[2], sys.argv[2:])",
          "");

  @TempDir Path temp;

  @Test
  void jvm_underMemoryDenyWriteExecute_failsToStart() throws Exception {
    Optional<Path> python = Processes.onPath("python3");
    assumeTrue(
        python.isPresent(), "python3 is not installed: cannot apply PR_SET_MDWE to a child JVM");
    Path wrapper = Files.writeString(temp.resolve("mdwe.py"), WRAPPER);
    List<String> java =
        List.of(TestContexts.realJava().toString(), "-XX:TieredStopAtLevel=1", "-version");

    Processes.Result control = run(python.get(), wrapper, "plain", java);
    Processes.Result denied = run(python.get(), wrapper, "mdwe", java);
    assumeTrue(
        denied.exitCode() != 77, "kernel lacks PR_SET_MDWE (Linux < 6.3): " + denied.output());

    assertThat(control.exitCode()).as(control.output()).isZero();
    assertThat(denied.exitCode()).isNotZero();
    assertThat(denied.output()).contains("Failed to mark memory page as executable");
  }

  private static Processes.Result run(Path python, Path wrapper, String mode, List<String> java)
      throws Exception {
    List<String> command =
        new java.util.ArrayList<>(List.of(python.toString(), wrapper.toString(), mode));
    command.addAll(java);
    return Processes.run(command, Map.of());
  }
}
