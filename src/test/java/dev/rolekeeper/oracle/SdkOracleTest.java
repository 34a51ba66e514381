package dev.rolekeeper.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The differential test of issue "every profile the AWS CLI works with": for every role profile of
 * every case of the corpus, the STS endpoint, signing region and source chain rolekeeper plans are
 * compared with what botocore {@value BotocoreSide#VERSION} and the AWS SDK for Java v2 resolve.
 * Every disagreement must be one of {@link #KNOWN} (README, "AWS profiles", says which SDK
 * rolekeeper follows and why), and every known one must still occur.
 */
class SdkOracleTest {

  /** case/profile/oracle:fields → why rolekeeper differs there on purpose. */
  static final Map<String, String> KNOWN = Known.ALL;

  @TempDir Path scratch;

  @Test
  void everyProfileOfTheCorpus_resolvesAsTheSdksDo_exceptTheKnownDifferences() throws Exception {
    List<Path> cases = Cases.all();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(40);
    boolean ci = "true".equals(System.getenv("CI"));
    if (!BotocoreSide.available()) {
      assertThat(ci)
          .as("under CI=true, .ci/run must have unpacked botocore to " + BotocoreSide.PATH)
          .isFalse();
      Assumptions.abort(
          "botocore "
              + BotocoreSide.VERSION
              + " not found at "
              + BotocoreSide.PATH
              + " (.ci/run installs it)");
    }
    Map<String, Map<String, Resolution>> botocore = BotocoreSide.resolve(cases, scratch);
    Set<String> found = new TreeSet<>();
    List<String> report = new ArrayList<>();
    int compared = 0;
    RecordingSts sts = new RecordingSts();
    try {
      for (Path original : cases) {
        String name = original.getFileName().toString();
        Path copied = Cases.copy(original, scratch.resolve("cases"));
        Map<String, String> env = Cases.environment(copied);
        Map<String, Resolution> ours = RolekeeperSide.resolve(copied, env);
        Map<String, Resolution> java =
            JavaSdkSide.resolve(new ArrayList<>(ours.keySet()), env, sts);
        Map<String, Resolution> boto = botocore.getOrDefault(name, Map.of());
        Set<String> profiles = new TreeSet<>(ours.keySet());
        profiles.addAll(boto.keySet());
        for (String profile : profiles) {
          Resolution mine = ours.getOrDefault(profile, Resolution.failed("not planned"));
          compared++;
          compare(
              name,
              profile,
              "botocore",
              mine,
              boto.getOrDefault(profile, Resolution.failed("absent")),
              found,
              report);
          if (java.containsKey(profile)) {
            compare(name, profile, "java", mine, java.get(profile), found, report);
          }
        }
      }
    } finally {
      sts.close();
    }
    assertThat(compared).isGreaterThanOrEqualTo(40);
    assertThat(found)
        .as("disagreements (rolekeeper vs an SDK):%n%s", String.join("\n", report))
        .containsExactlyInAnyOrderElementsOf(KNOWN.keySet());
  }

  private static void compare(
      String name,
      String profile,
      String oracle,
      Resolution mine,
      Resolution theirs,
      Set<String> found,
      List<String> report) {
    List<String> fields = mine.differences(theirs);
    if (!fields.isEmpty()) {
      String key = name + "/" + profile + "/" + oracle + ":" + String.join(",", fields);
      found.add(key);
      report.add(key + "  rolekeeper=" + mine + "  " + oracle + "=" + theirs);
    }
  }
}
