package dev.rolekeeper.cli;

import dev.rolekeeper.config.Settings;
import dev.rolekeeper.config.SettingsException;
import dev.rolekeeper.config.SettingsLoader;
import dev.rolekeeper.doctor.CheckResult;
import dev.rolekeeper.doctor.Doctor;
import dev.rolekeeper.doctor.DoctorContext;
import dev.rolekeeper.install.LaunchdAgent;
import dev.rolekeeper.install.SystemdUnit;
import dev.rolekeeper.os.Os;
import dev.rolekeeper.paths.UserPaths;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code rolekeeper doctor}: checks what commonly breaks a set-up, each finding with a one-line
 * fix.
 */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Check the set-up: the daemon and its port, what in the environment or AWS files would win over "
          + "the endpoint, proxies, the desktop pieces MFA prompts use, the clock against STS, file permissions, "
          + "and the service.",
      "Each problem comes with a one-line fix. Exit status 0 only when nothing needs fixing."
    })
public final class DoctorCommand implements Callable<Integer> {

  /** STS's global endpoint, which the SDK uses when nothing overrides it. */
  static final URI DEFAULT_STS = URI.create("https://sts.amazonaws.com/");

  @Mixin DaemonOptions daemon = new DaemonOptions();

  @Spec CommandSpec spec;

  private final Map<String, String> environment;

  public DoctorCommand() {
    this(System.getenv());
  }

  DoctorCommand(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    DoctorContext context;
    try {
      context = context();
    } catch (SettingsException e) {
      out.println("FIX   settings: " + e.getMessage());
      out.println("      fix: correct the settings file, then run rolekeeper doctor again");
      return 1;
    }
    List<Doctor.Finding> findings = Doctor.standard().run(context);
    int toFix = 0;
    for (Doctor.Finding finding : findings) {
      CheckResult result = finding.result();
      if (result instanceof CheckResult.NeedsFix fix) {
        toFix++;
        out.println("FIX   " + finding.check() + ": " + fix.summary());
        out.println("      fix: " + fix.fix());
      } else {
        out.println(
            (result instanceof CheckResult.Note ? "note  " : "ok    ")
                + finding.check()
                + ": "
                + result.summary());
      }
    }
    out.println(
        toFix == 0 ? "Nothing to fix." : toFix + (toFix == 1 ? " thing" : " things") + " to fix.");
    return toFix == 0 ? 0 : 1;
  }

  private DoctorContext context() {
    Settings settings = settings();
    UserPaths paths = UserPaths.of(environment);
    Path stateDir = daemon.stateDir(environment);
    URI sts = settings.sts().effectiveEndpoint(environment).orElse(DEFAULT_STS);
    List<Path> serviceFiles =
        paths.os() == Os.MACOS
            ? List.of(paths.launchAgents().resolve(LaunchdAgent.LABEL + ".plist"))
            : List.of(
                paths.systemdUserUnits().resolve(SystemdUnit.UNIT_NAME),
                Path.of("/etc/systemd/user", SystemdUnit.UNIT_NAME),
                Path.of("/usr/lib/systemd/user", SystemdUnit.UNIT_NAME));
    return new DoctorContext(
        paths, stateDir, settings.listen().port(), sts, serviceFiles, Duration.ofSeconds(3));
  }

  /**
   * The settings as the daemon would read them (a settings error is thrown as it is: one clear
   * line).
   */
  private Settings settings() {
    Vertx vertx = Vertx.vertx();
    try {
      return SettingsLoader.loadOnce(vertx, daemon.configFile(), Map.copyOf(environment)).await();
    } finally {
      vertx.close();
    }
  }
}
