package dev.rolekeeper.cli;

import ch.qos.logback.classic.Level;
import dev.rolekeeper.config.Settings;
import dev.rolekeeper.config.SettingsLoader;
import dev.rolekeeper.config.SettingsWatcher;
import dev.rolekeeper.daemon.Daemon;
import dev.rolekeeper.daemon.DaemonTuning;
import dev.rolekeeper.daemon.StsPreload;
import dev.rolekeeper.http.HttpFront;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rolekeeper run}: the daemon in the foreground (what the systemd unit and the launchd agent
 * start).
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run the daemon in the foreground until stopped (SIGTERM or Ctrl-C).",
      "Reads the settings, the AWS files, and serves the profiles on loopback.",
      "Changes to the settings file and the AWS files are applied while it runs; a file that does not parse "
          + "or is larger than 1 MiB is logged, shown by `rolekeeper status`, and the previous one stays in force."
    },
    footer = {
      "",
      "Exit status: 73 another rolekeeper already uses the state directory; 78 the settings are wrong "
          + "or the state directory is not yours alone (a link, another user's, or writable by others); "
          + "69 another program holds the port (it is named); 1 any other start-up failure. "
          + "Stopped by SIGTERM, it exits within 5 s."
    })
public final class RunCommand implements PlainCommand {

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "The settings file (default: $XDG_CONFIG_HOME/rolekeeper/config.yaml, optional).")
  Path config;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "The state directory (tokens, lock; default: from the settings, ~/.local/state/rolekeeper).")
  Path stateDir;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "The main port (container endpoint, CLI, MFA page); overrides listen.port.")
  Integer port;

  @Spec CommandSpec spec;

  private PrintWriter err;

  @Override
  public void printTo(PrintWriter out, PrintWriter err) {
    this.err = err;
  }

  @Override
  public Integer call() {
    PrintWriter err = this.err != null ? this.err : spec.commandLine().getErr();
    Vertx vertx;
    try {
      StsPreload.start();
      vertx = DaemonTuning.newVertx();
    } catch (Throwable e) {
      return Foreground.reportStartFailure(e, err);
    }
    Map<String, String> env = withOverrides(System.getenv());
    StartUp.Outcome<Running> started =
        StartUp.run(
            vertx,
            () ->
                SettingsLoader.create(
                        vertx, Optional.ofNullable(config), env, SettingsLoader.DEFAULT_SCAN_PERIOD)
                    .compose(
                        loader ->
                            loader
                                .load()
                                .compose(
                                    settings -> {
                                      applyLogLevel(settings);
                                      return Daemon.start(
                                              vertx, settings, env, new HttpFront(vertx))
                                          .map(daemon -> new Running(loader, settings, daemon));
                                    })),
            err);
    if (started instanceof StartUp.Failed<Running> failed) {
      return failed.status();
    }
    Running running = ((StartUp.Started<Running>) started).value();
    try {
      watchSettings(running);
    } catch (Throwable e) {
      StartUp.close(vertx);
      return Foreground.reportStartFailure(e, err);
    }
    Foreground.serveUntilStopped(
        vertx, () -> running.loader().close().eventually(running.daemon()::stop));
    return 0;
  }

  /** What a successful start leaves running. */
  private record Running(SettingsLoader loader, Settings settings, Daemon daemon) {}

  /**
   * Hands each valid change of the settings file to the daemon, and tells it of each one refused
   * (so {@code status} shows why the file in force is not the one on disk).
   */
  private static void watchSettings(Running running) {
    SettingsWatcher.start(
        running.loader(),
        running.settings(),
        next -> {
          applyLogLevel(next);
          running.daemon().applySettings(next);
        },
        running.daemon()::settingsRefused);
  }

  /** Command-line options win over everything: they are passed as the highest settings layer. */
  private Map<String, String> withOverrides(Map<String, String> env) {
    Map<String, String> copy = new HashMap<>(env);
    if (port != null) {
      copy.put("ROLEKEEPER_LISTEN_PORT", port.toString());
    }
    if (stateDir != null) {
      copy.put("ROLEKEEPER_STATEDIR", stateDir.toAbsolutePath().normalize().toString());
    }
    return Map.copyOf(copy);
  }

  static void applyLogLevel(Settings settings) {
    if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
      context
          .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
          .setLevel(Level.toLevel(settings.daemon().logLevel().name()));
    }
  }
}
