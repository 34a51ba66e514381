package dev.rolekeeper.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformAndTemplateTest {

  @Test
  void fromOsName_knownSystems_mapped() {
    assertThat(Platform.fromOsName("Linux")).isEqualTo(Platform.LINUX);
    assertThat(Platform.fromOsName("Mac OS X")).isEqualTo(Platform.MACOS);
  }

  @Test
  void fromOsName_windows_refusedNamingIt() {
    assertThatThrownBy(() -> Platform.fromOsName("Windows 11"))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("'Windows 11'");
  }

  @Test
  void render_missingValue_failsNamingPlaceholder() {
    assertThatThrownBy(
            () -> ServiceTemplate.load(SystemdUnit.TEMPLATE).render(Map.of("EXEC_START", "x")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("@ENVIRONMENT@");
  }

  @Test
  void render_valueWithoutPlaceholder_fails() {
    Map<String, String> values =
        Map.of("EXEC_START", "a", "ENVIRONMENT", "", "READ_WRITE_PATHS", "b", "EXTRA", "c");

    assertThatThrownBy(() -> ServiceTemplate.load(SystemdUnit.TEMPLATE).render(values))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("EXTRA");
  }

  @Test
  void load_missingTemplate_failsNamingIt() {
    assertThatThrownBy(() -> ServiceTemplate.load("systemd/nope.service"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("systemd/nope.service");
  }
}
