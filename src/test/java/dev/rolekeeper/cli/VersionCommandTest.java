package dev.rolekeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.install.BuildInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code rolekeeper --version} and {@code rolekeeper version}: version, commit, build date. */
class VersionCommandTest {

  @Test
  void buildInfo_fromTheMavenBuild_hasVersionCommitAndDate() {
    BuildInfo build = BuildInfo.current();

    assertThat(build.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(build.commit()).matches("[0-9a-f]{7,}(-dirty)?|unknown");
    assertThat(build.date()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
  }

  @Test
  void versionOption_printsVersionCommitAndDateOnOneLine() {
    StringWriter out = new StringWriter();
    CommandLine line = CommandTree.whole();
    line.setOut(new PrintWriter(out, true));

    assertThat(line.execute("--version")).isZero();

    BuildInfo build = BuildInfo.current();
    assertThat(out.toString())
        .startsWith(
            "rolekeeper "
                + build.version()
                + " (commit "
                + build.commit()
                + ", built "
                + build.date()
                + ", Java ")
        .hasLineCount(1);
  }

  @Test
  void text_builtOutsideGit_saysUnknown() {
    assertThat(
            VersionCommand.text(new BuildInfo("1.2.3", BuildInfo.UNKNOWN, "2026-01-02T03:04:05Z")))
        .startsWith("rolekeeper 1.2.3 (commit unknown, built 2026-01-02T03:04:05Z, Java ");
  }
}
