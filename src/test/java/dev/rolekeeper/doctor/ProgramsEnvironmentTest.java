package dev.rolekeeper.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The doctor's probes run without the secrets of the shell that runs {@code doctor}. */
class ProgramsEnvironmentTest {

  @TempDir Path temp;

  @Test
  void output_shellHoldsAwsKeys_probeSeesNeitherKeyButTheProfile() throws Exception {
    Path home = Contexts.home(temp);
    DoctorContext context =
        Contexts.of(
            home,
            Contexts.env(
                home,
                "AWS_ACCESS_KEY_ID",
                "AKIAEXAMPLEKEYID0001",
                "AWS_SECRET_ACCESS_KEY",
                "secret-access-key-value",
                "AWS_PROFILE",
                "prod"));

    String seen = Programs.output(context, Path.of("/usr/bin/env")).orElseThrow();

    assertThat(seen)
        .doesNotContain("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "secret-access-key-value")
        .contains("AWS_PROFILE=prod");
  }
}
