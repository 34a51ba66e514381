package dev.rolekeeper.daemon;

import dev.rolekeeper.config.Settings;
import dev.rolekeeper.profiles.ProfileException;
import dev.rolekeeper.session.Plan;
import dev.rolekeeper.session.SessionManager;
import dev.rolekeeper.session.SignInSources;
import dev.rolekeeper.session.Unserved;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies changed settings or AWS files to a running daemon by re-planning: sessions whose plan is
 * unchanged are kept (no STS call, nothing lost), the others replaced ({@link
 * SessionManager#replacePlans}). A new file that cannot be read, or that would break a profile that
 * works now, is refused as a whole with one error line, and everything stays as it was. Settings
 * the running daemon cannot change (ports, state directory, STS endpoint, …), and a profile's new
 * {@code mfa_process} when the daemon started without one, are logged as needing a restart ({@link
 * RestartNeeded}); profiles' changed {@code mfa_process} commands apply to the next prompt; a
 * profile no longer served has its synced sections removed, and a change of what IMDS serves is
 * applied at once ({@code imds.enabled} turned off stops serving a role at once; opening or closing
 * the IMDS port takes a restart). Reloads run one at a time, in the order they were asked for. A
 * reload that fails in any way (a file too large, unparsable, a chain too deep, any {@link
 * Throwable} on the way) leaves everything as it was, is logged with its reason, and stands in
 * {@link ReloadErrors} for {@code status} until a reload of that input succeeds; it never fails the
 * daemon.
 */
final class Reloader {

  private static final Logger LOG = LoggerFactory.getLogger(Reloader.class);

  private final Vertx vertx;
  private final SessionManager sessions;
  private final Map<String, String> env;
  private final String region;
  private final Duration processTimeout;
  private final SignInSources signIns;
  private final Effects effects;
  private final ReloadErrors errors;
  private Settings settings;
  private ServedPlans plans;
  private Future<Void> queue = Future.succeededFuture();

  /**
   * What a reload changes besides the sessions.
   *
   * @param profileDropped told about each profile a reload stops serving (its synced sections are
   *     removed)
   * @param imds set to what IMDS serves from now on when a reload changes it
   * @param mfaProcessesChanged given the profiles' {@code mfa_process} commands by device after
   *     each reload; null when the daemon started without the process way (then a new command needs
   *     a restart)
   * @param notServedChanged given the profiles left unserved after each reload
   */
  record Effects(
      Consumer<String> profileDropped,
      ImdsRole imds,
      Consumer<Map<String, String>> mfaProcessesChanged,
      Consumer<List<Unserved>> notServedChanged) {}

  Reloader(
      Vertx vertx,
      SessionManager sessions,
      Map<String, String> env,
      String region,
      Duration processTimeout,
      Settings settings,
      ServedPlans plans,
      SignInSources signIns,
      Effects effects,
      ReloadErrors errors) {
    this.signIns = signIns;
    this.errors = errors;
    this.effects = effects;
    this.vertx = vertx;
    this.sessions = sessions;
    this.env = Map.copyOf(env);
    this.region = region;
    this.processTimeout = processTimeout;
    this.settings = settings;
    this.plans = plans;
  }

  /** The AWS files changed: re-plan with the settings in force. */
  synchronized Future<Void> awsFilesChanged() {
    return enqueue(ReloadErrors.AWS_FILES, () -> replan(currentSettings(), "AWS files"));
  }

  /**
   * New valid settings: re-plan if what is served depends on the change, and say what needs a
   * restart.
   */
  synchronized Future<Void> settingsChanged(Settings next) {
    return enqueue(
        ReloadErrors.SETTINGS,
        () -> {
          Settings before = currentSettings();
          List<String> restart = RestartNeeded.settings(before, next);
          if (!restart.isEmpty()) {
            LOG.warn(
                "Settings changed that apply only after a restart ({}): restart rolekeeper to use them",
                String.join(", ", restart));
          }
          if (before.served().profiles().equals(next.served().profiles())) {
            setSettings(next);
            imdsChange(currentPlans(), before, currentPlans(), next);
            return Future.succeededFuture();
          }
          return replan(next, "Settings");
        });
  }

  /**
   * Runs {@code task} after the reloads before it. It completes when the task has, and never fails:
   * a failure, thrown or returned, is logged and kept as {@code input}'s error; a success clears
   * it.
   */
  private Future<Void> enqueue(String input, Supplier<Future<Void>> task) {
    queue =
        queue.transform(
            previous -> {
              Future<Void> run;
              try {
                run = task.get();
              } catch (Throwable thrown) {
                run = Future.failedFuture(thrown);
              }
              return run.transform(
                  done -> {
                    if (done.succeeded()) {
                      errors.succeeded(input);
                    } else {
                      refused(input, done.cause());
                    }
                    return Future.<Void>succeededFuture();
                  });
            });
    return queue;
  }

  private void refused(String input, Throwable failure) {
    String reason =
        failure instanceof ProfileException || failure instanceof RefusedReload
            ? failure.getMessage()
            : failure.toString();
    String what = input.equals(ReloadErrors.SETTINGS) ? "Settings" : "AWS files";
    LOG.error("{} not reloaded, keeping the previous profiles: {}", what, reason);
    errors.failed(input, reason);
  }

  /** A new file that would break a working profile (a regression): refused as a whole. */
  private static final class RefusedReload extends Exception {
    RefusedReload(String reason) {
      super(reason, null, false, false);
    }
  }

  private Future<Void> replan(Settings next, String what) {
    ServedPlans before = currentPlans();
    Settings previous = currentSettings();
    return vertx
        .executeBlocking(() -> ServedPlans.read(next, env, region, processTimeout, signIns), false)
        .compose(
            planned -> {
              Optional<Plan.Invalid> regression = before.regressionIn(planned);
              if (regression.isPresent()) {
                return Future.failedFuture(new RefusedReload(regression.get().reason()));
              }
              return sessions
                  .replacePlans(planned.plans(), new LinkedHashSet<>(planned.served()))
                  .onSuccess(
                      touched -> {
                        setState(next, planned);
                        effects.notServedChanged().accept(planned.notServed());
                        // Read without an error, whichever change asked for it.
                        errors.succeeded(ReloadErrors.AWS_FILES);
                        LOG.info(
                            "{} reloaded: serving {}; {}",
                            what,
                            planned.served(),
                            touched.isEmpty()
                                ? "no session changed"
                                : "new sessions for " + touched);
                        before.served().stream()
                            .filter(name -> !planned.served().contains(name))
                            .forEach(effects.profileDropped());
                        imdsChange(before, previous, planned, next);
                        if (effects.mfaProcessesChanged() != null) {
                          effects.mfaProcessesChanged().accept(planned.deviceProcesses());
                        } else {
                          RestartNeeded.afterReload(before, planned).ifPresent(LOG::warn);
                        }
                      })
                  .<Void>mapEmpty();
            });
  }

  private void imdsChange(
      ServedPlans plansBefore,
      Settings settingsBefore,
      ServedPlans plansAfter,
      Settings settingsAfter) {
    ImdsChoice was = imdsChoice(plansBefore, settingsBefore);
    ImdsChoice now = imdsChoice(plansAfter, settingsAfter);
    if (!was.equals(now)) {
      ImdsRole imds = effects.imds();
      imds.set(now);
      // As loud as at start while a port is open: what it serves is open to this user's processes.
      if (imds.port() > 0) {
        LOG.warn("Reloaded: {}", imds.summary());
      } else {
        LOG.info("Reloaded: {}", imds.summary());
      }
    }
  }

  /** What IMDS serves under these plans and settings ({@link ImdsChoice#of}). */
  static ImdsChoice imdsChoice(ServedPlans plans, Settings settings) {
    return ImdsChoice.of(
        settings.served().imds().enabled(), settings.served().imds().profile(), plans.served());
  }

  private synchronized Settings currentSettings() {
    return settings;
  }

  private synchronized ServedPlans currentPlans() {
    return plans;
  }

  private synchronized void setSettings(Settings next) {
    settings = next;
  }

  private synchronized void setState(Settings nextSettings, ServedPlans nextPlans) {
    settings = nextSettings;
    plans = nextPlans;
  }
}
