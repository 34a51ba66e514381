package dev.rolekeeper.credfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncSettingsTest {

  private static final Path HOME = Path.of("/home/u");

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
