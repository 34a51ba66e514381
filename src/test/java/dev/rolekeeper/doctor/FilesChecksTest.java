package dev.rolekeeper.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.install.ServiceContext;
import dev.rolekeeper.install.ServiceInstaller;
import dev.rolekeeper.os.Os;
import dev.rolekeeper.paths.UserPaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The permissions and service checks, each problem made on purpose on real files. */
class FilesChecksTest {

  @TempDir Path temp;

  private static void chmod(Path path, String mode) throws Exception {
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
  }

  private DoctorContext privateSetUp(Path home) throws Exception {
    DoctorContext context = Contexts.of(home, Contexts.env(home));
    Files.createDirectories(context.stateDir().resolve("tokens"));
    chmod(context.stateDir(), "rwx------");
    chmod(Files.writeString(context.stateDir().resolve("control.token"), "x"), "rw-------");
    chmod(Files.writeString(context.stateDir().resolve("tokens/dev.token"), "x"), "rw-------");
    Files.createDirectories(home.resolve(".aws"));
    chmod(Files.writeString(home.resolve(".aws/credentials"), "[src]\n"), "rw-------");
    chmod(Files.writeString(home.resolve(".aws/config"), "[profile dev]\n"), "rw-r--r--");
    return context;
  }

  @Test
  void permissions_allPrivate_passes() throws Exception {
    DoctorContext context = privateSetUp(Contexts.home(temp));

    assertThat(new PermissionsCheck().run(context)).isInstanceOf(CheckResult.Passed.class);
  }

  @Test
  void permissions_openStateDirTokenAndCredentials_fixedByOneChmodLine() throws Exception {
    Path home = Contexts.home(temp);
    DoctorContext context = privateSetUp(home);
    chmod(context.stateDir(), "rwxr-xr-x");
    chmod(context.stateDir().resolve("tokens/dev.token"), "rw-r--r--");
    chmod(home.resolve(".aws/credentials"), "rw-r-----");

    CheckResult result = new PermissionsCheck().run(context);

    assertThat(result).isInstanceOf(CheckResult.NeedsFix.class);
    assertThat(result.summary())
        .startsWith(context.stateDir() + " is rwxr-xr-x")
        .contains("(and 2 more)");
    assertThat(((CheckResult.NeedsFix) result).fix())
        .isEqualTo(
            "chmod 700 "
                + context.stateDir()
                + " && chmod 600 "
                + context.stateDir().resolve("tokens/dev.token")
                + " && chmod 600 "
                + home.resolve(".aws/credentials"));
  }

  @Test
  void permissions_configWritableByOthers_needsFix() throws Exception {
    Path home = Contexts.home(temp);
    DoctorContext context = privateSetUp(home);
    chmod(home.resolve(".aws/config"), "rw-rw-rw-");

    CheckResult result = new PermissionsCheck().run(context);

    assertThat(result).isInstanceOf(CheckResult.NeedsFix.class);
    assertThat(((CheckResult.NeedsFix) result).fix())
        .isEqualTo("chmod 600 " + home.resolve(".aws/config"));
  }

  @Test
  void permissions_stateDirIsLink_needsFixReplacingItWithAPrivateDirectory() throws Exception {
    Path home = Contexts.home(temp);
    DoctorContext context = privateSetUp(home);
    Path real = Files.move(context.stateDir(), temp.resolve("elsewhere"));
    Files.createSymbolicLink(context.stateDir(), real);

    CheckResult result = new PermissionsCheck().run(context);

    assertThat(result).isInstanceOf(CheckResult.NeedsFix.class);
    assertThat(result.summary())
        .startsWith("the state directory " + context.stateDir() + " is a symbolic link");
    assertThat(((CheckResult.NeedsFix) result).fix())
        .isEqualTo("rm " + context.stateDir() + " && mkdir -m 700 " + context.stateDir());
  }

  @Test
  void service_notInstalled_needsInstallService() throws Exception {
    Path home = Contexts.home(temp);

    CheckResult result = new ServiceFileCheck().run(Contexts.of(home, Contexts.env(home)));

    assertThat(result).isInstanceOf(CheckResult.NeedsFix.class);
    assertThat(((CheckResult.NeedsFix) result).fix()).startsWith("rolekeeper install-service");
  }

  @Test
  void service_notInstalledBesideTheDemo_aNoteNotAFix() throws Exception {
    Path home = Contexts.home(temp);
    DoctorContext context = Contexts.of(home, Contexts.env(home));
    Files.createDirectories(context.stateDir().resolve("demo"));

    CheckResult result = new ServiceFileCheck().run(context);

    assertThat(result).isInstanceOf(CheckResult.Note.class);
    assertThat(result.summary()).contains("expected beside the demo", "rolekeeper install-service");
  }

  @Test
  void service_installedNotEnabled_thenEnabled_thenCopyDeleted() throws Exception {
    Path home = Contexts.home(temp);
    Path jar =
        Files.writeString(
            Files.createDirectories(temp.resolve("build")).resolve("rolekeeper.jar"), "jar");
    ServiceContext service =
        ServiceContext.of(
            UserPaths.of(Os.LINUX, Map.of(), home.toString()),
            Path.of(System.getProperty("java.home"), "bin", "java"),
            jar);
    ServiceInstaller.InstallResult installed = new ServiceInstaller(service).install(false);
    DoctorContext context = Contexts.of(home, Contexts.env(home));

    CheckResult notEnabled = new ServiceFileCheck().run(context);
    assertThat(notEnabled).isInstanceOf(CheckResult.NeedsFix.class);
    assertThat(((CheckResult.NeedsFix) notEnabled).fix())
        .isEqualTo("systemctl --user enable --now rolekeeper.service");

    Path wants =
        Files.createDirectories(home.resolve(".config/systemd/user/default.target.wants"))
            .resolve("rolekeeper.service");
    Files.createSymbolicLink(wants, installed.target());
    assertThat(new ServiceFileCheck().run(context)).isInstanceOf(CheckResult.Passed.class);

    Files.delete(installed.programDir().resolve("rolekeeper.jar"));
    CheckResult missing = new ServiceFileCheck().run(context);
    assertThat(missing).isInstanceOf(CheckResult.NeedsFix.class);
    assertThat(missing.summary())
        .contains(
            "runs " + installed.programDir().resolve("rolekeeper.jar") + ", which does not exist");
  }
}
