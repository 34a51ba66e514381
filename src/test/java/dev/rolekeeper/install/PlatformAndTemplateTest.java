package dev.rolekeeper.install;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolekeeper.daemon.TestContexts;
import dev.rolekeeper.os.Os;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformAndTemplateTest {

  @TempDir Path temp;

  @Test
  void forContext_eachPlatformItsServiceManager_otherSystemsRefused() throws IOException {
    Path home = TestContexts.newHome(temp);
    assertThat(ServiceDefinition.forContext(TestContexts.of(Os.LINUX, home, Map.of())))
        .isInstanceOf(SystemdUnit.class);
    assertThat(ServiceDefinition.forContext(TestContexts.of(Os.MACOS, home, Map.of())))
        .isInstanceOf(LaunchdAgent.class);
    ServiceContext other = TestContexts.of(Os.OTHER, home, Map.of());
    assertThatThrownBy(() -> ServiceDefinition.forContext(other))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("only on Linux (systemd) or macOS (launchd)");
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
