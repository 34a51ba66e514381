package dev.rolekeeper.install;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.daemon.Processes;
import dev.rolekeeper.daemon.TestContexts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The daemon's JVM flags: one list, the same in {@code bin/rolekeeper}, and every flag known to
 * this JVM.
 */
class JvmFlagsTest {

  private static final Path LAUNCHER = Path.of("bin", "rolekeeper");

  @Test
  void launcherScript_flagArray_equalsJvmFlagsDaemon() throws Exception {
    assertThat(launcherFlags("jvm_flags"))
        .as("the jvm_flags=( ... ) array in %s", LAUNCHER)
        .isEqualTo(JvmFlags.DAEMON);
  }

  @Test
  void launcherScript_clientFlagArray_equalsJvmFlagsClient() throws Exception {
    assertThat(launcherFlags("client_jvm_flags"))
        .as("the client_jvm_flags=( ... ) array in %s", LAUNCHER)
        .isEqualTo(JvmFlags.CLIENT);
  }

  @Test
  void daemonFlags_withoutIgnoreUnrecognized_areAllAcceptedByThisJvm() throws Exception {
    assertAcceptedWithoutWarning(
        JvmFlags.DAEMON.stream()
            .filter(flag -> !flag.equals(JvmFlags.IGNORE_UNRECOGNIZED))
            .toList());
  }

  @Test
  void clientFlags_areAllAcceptedByThisJvm() throws Exception {
    assertAcceptedWithoutWarning(JvmFlags.CLIENT);
  }

  private static void assertAcceptedWithoutWarning(List<String> flags) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(TestContexts.realJava().toString());
    command.addAll(flags);
    command.add("-version");

    Processes.Result result = Processes.run(command, Map.of());

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.output())
        .doesNotContainIgnoringCase("warning")
        .doesNotContain("Unrecognized");
  }

  @Test
  void daemonFlags_keepC2_soPeakThroughputIsNotCapped() {
    assertThat(JvmFlags.DAEMON).noneMatch(flag -> flag.startsWith("-XX:TieredStopAtLevel"));
  }

  /** The words between the line {@code NAME=(} and the next line {@code )}. */
  private static List<String> launcherFlags(String name) throws Exception {
    List<String> lines = Files.readAllLines(LAUNCHER);
    int start = lines.indexOf(name + "=(");
    assertThat(start).as("%s has a line '%s=('", LAUNCHER, name).isNotNegative();
    List<String> flags = new ArrayList<>();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.trim().equals(")")) {
        return flags;
      }
      for (String word : line.trim().split("\\s+")) {
        if (!word.isEmpty()) {
          flags.add(word);
        }
      }
    }
    throw new AssertionError(LAUNCHER + ": " + name + "=( is never closed");
  }
}
