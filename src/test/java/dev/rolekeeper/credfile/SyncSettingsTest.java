package dev.rolekeeper.credfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncSettingsTest {

  private static final Path HOME = Path.of("/home/u");

  @Test
  void fromEnvironment_noVariable_usesHomeAwsCredentials() {
    assertThat(CredentialsFile.fromEnvironment(Map.of(), HOME).configured())
        .isEqualTo(Path.of("/home/u/.aws/credentials"));
  }

  @Test
  void fromEnvironment_variableWithTilde_expandsHome() {
    var file =
        CredentialsFile.fromEnvironment(
            Map.of("AWS_SHARED_CREDENTIALS_FILE", "~/work/creds"), HOME);

    assertThat(file.configured()).isEqualTo(Path.of("/home/u/work/creds"));
  }

  @Test
  void fromEnvironment_blankVariable_usesDefault() {
    var file = CredentialsFile.fromEnvironment(Map.of("AWS_SHARED_CREDENTIALS_FILE", "  "), HOME);

    assertThat(file.configured()).isEqualTo(Path.of("/home/u/.aws/credentials"));
  }

  @Test
  void settings_sameSectionTwice_isRejectedNamingIt() {
    var targets = List.of(new SyncTarget("dev", "shared"), new SyncTarget("prod", "shared"));

    assertThatThrownBy(() -> new SyncSettings(targets, new CredentialsFile(HOME), false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'shared'");
  }

  @Test
  void syncTarget_sectionWithBracket_isRejected() {
    assertThatThrownBy(() -> new SyncTarget("dev", "dev]")).hasMessageContaining("'dev]'");
  }

  @Test
  void targets_areFoundByProfileAndBySection() {
    var dev = new SyncTarget("dev", "dev-session");
    var prod = new SyncTarget("prod", "prod-session");
    var settings =
        new SyncSettings(List.of(dev, prod), new CredentialsFile(HOME.resolve("c")), true);

    assertThat(settings.targetsOf("dev")).containsExactly(dev);
    assertThat(settings.targetFor("prod-session")).contains(prod);
  }
}
