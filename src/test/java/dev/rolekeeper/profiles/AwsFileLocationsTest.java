package dev.rolekeeper.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AwsFileLocationsTest {

  @Test
  void fromEnvironment_noOverrides_usesHomeDotAws() {
    AwsFileLocations locations = AwsFileLocations.fromEnvironment(Map.of("HOME", "/home/alice"));

    assertThat(locations.configFile()).isEqualTo(Path.of("/home/alice/.aws/config"));
    assertThat(locations.credentialsFile()).isEqualTo(Path.of("/home/alice/.aws/credentials"));
  }

  @Test
  void fromEnvironment_overridesSet_usesThemVerbatim() {
    AwsFileLocations locations =
        AwsFileLocations.fromEnvironment(
            Map.of(
                "HOME", "/home/alice",
                "AWS_CONFIG_FILE", "/etc/aws/cfg",
                "AWS_SHARED_CREDENTIALS_FILE", "/secure/creds"));

    assertThat(locations.configFile()).isEqualTo(Path.of("/etc/aws/cfg"));
    assertThat(locations.credentialsFile()).isEqualTo(Path.of("/secure/creds"));
  }

  @Test
  void fromEnvironment_tildeInOverride_expandsToHome() {
    AwsFileLocations locations =
        AwsFileLocations.fromEnvironment(
            Map.of(
                "HOME", "/home/bob",
                "AWS_CONFIG_FILE", "~/work/aws-config",
                "AWS_SHARED_CREDENTIALS_FILE", " ~/work/creds "));

    assertThat(locations.configFile()).isEqualTo(Path.of("/home/bob/work/aws-config"));
    assertThat(locations.credentialsFile()).isEqualTo(Path.of("/home/bob/work/creds"));
  }

  @Test
  void fromEnvironment_blankOverride_fallsBackToHome() {
    AwsFileLocations locations =
        AwsFileLocations.fromEnvironment(Map.of("HOME", "/home/carol", "AWS_CONFIG_FILE", "  "));

    assertThat(locations.configFile()).isEqualTo(Path.of("/home/carol/.aws/config"));
  }

  @Test
  void fromEnvironment_relativeOverride_isMadeAbsolute() {
    AwsFileLocations locations =
        AwsFileLocations.fromEnvironment(
            Map.of("HOME", "/home/dan", "AWS_SHARED_CREDENTIALS_FILE", "rel/creds"));

    assertThat(locations.credentialsFile()).isAbsolute().endsWithRaw(Path.of("rel/creds"));
  }

  @Test
  void fromEnvironment_noHome_usesUserHome() {
    AwsFileLocations locations = AwsFileLocations.fromEnvironment(Map.of());

    assertThat(locations.configFile())
        .isEqualTo(
            Path.of(System.getProperty("user.home")).toAbsolutePath().resolve(".aws/config"));
  }
}
