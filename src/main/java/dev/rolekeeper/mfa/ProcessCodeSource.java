package dev.rolekeeper.mfa;

import dev.rolekeeper.os.BoundedFiles;
import dev.rolekeeper.process.ProcessResult;
import dev.rolekeeper.process.ProcessRunner;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code mfa_process} way: runs a configured command through {@code sh -c} and takes the one
 * 6-digit code in its output, e.g. {@code ykman oath accounts code --single NAME}. The command sees
 * the device and the waiting profiles in {@value #ENV_DEVICE} and {@value #ENV_PROFILES}.
 *
 * <p>Failure (non-zero exit, no code or several codes in the output, timeout) is {@link
 * Outcome.Unavailable}, so the next way is tried; a hung command is killed with its process tree.
 * Neither the output nor stderr is ever logged (both can hold the code).
 *
 * <p>A TOTP code cannot be used twice, and a hardware token prints the same code for its whole
 * 30-second window; so after a code from this source was handed out for a device, the next run for
 * that device waits for the following window. Only the time of use is remembered, never the code.
 */
public final class ProcessCodeSource implements Prompter {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessCodeSource.class);
  private static final Pattern CODE = Pattern.compile("(?<![0-9])[0-9]{6}(?![0-9])");
  static final Duration TOTP_STEP = Duration.ofSeconds(30);

  /** Environment variable holding the MFA device (mfa_serial) the code is wanted for. */
  public static final String ENV_DEVICE = "ROLEKEEPER_MFA_DEVICE";

  /** Environment variable holding the waiting profile names, space-separated. */
  public static final String ENV_PROFILES = "ROLEKEEPER_MFA_PROFILES";

  private final Vertx vertx;
  private final ProcessRunner runner;
  private final Function<String, Optional<String>> commands;
  private final Duration timeout;
  private final Clock clock;
  private final Map<String, Instant> lastHandedOut = new ConcurrentHashMap<>();

  /**
   * @param command the {@code mfa_process} command line, run by {@code sh -c}
   * @param timeout how long it may run before it is killed
   */
  public ProcessCodeSource(
      Vertx vertx, ProcessRunner runner, String command, Duration timeout, Clock clock) {
    this(vertx, runner, device -> Optional.of(command), timeout, clock);
    if (command == null || command.isBlank()) {
      throw new IllegalArgumentException(
          "mfa_process is empty: give the command that prints the MFA code");
    }
  }

  /**
   * @param commands the {@code mfa_process} command line for a device (run by {@code sh -c}), or
   *     empty when that device has none (its prompts go on to the next way)
   */
  public ProcessCodeSource(
      Vertx vertx,
      ProcessRunner runner,
      Function<String, Optional<String>> commands,
      Duration timeout,
      Clock clock) {
    this.vertx = vertx;
    this.runner = runner;
    this.commands = commands;
    this.timeout = timeout;
    this.clock = clock;
  }

  @Override
  public Running start(MfaPrompt prompt) {
    Promise<Outcome> outcome = Promise.promise();
    Attempt attempt = new Attempt(prompt, outcome);
    long wait = millisUntilFreshCode(prompt.device());
    if (wait > 0) {
      LOG.info(
          "mfa_process for {}: waiting {} ms for the next TOTP window (the last code was just used)",
          prompt.device(),
          wait);
      attempt.timerId = vertx.setTimer(wait, id -> attempt.launch());
    } else {
      attempt.launch();
    }
    return attempt;
  }

  /**
   * Picks the single 6-digit code out of a command's output; empty when there is none or several.
   */
  static Optional<MfaCode> singleCode(String output) {
    Matcher matcher = CODE.matcher(output);
    if (!matcher.find()) {
      return Optional.empty();
    }
    String first = matcher.group();
    if (matcher.find()) {
      return Optional.empty();
    }
    return Optional.of(new MfaCode(first));
  }

  /** What the command learns about the prompt, so one script can serve several devices. */
  static Map<String, String> environment(MfaPrompt prompt) {
    return Map.of(ENV_DEVICE, prompt.device(), ENV_PROFILES, String.join(" ", prompt.profiles()));
  }

  private long millisUntilFreshCode(String device) {
    Instant last = lastHandedOut.get(device);
    if (last == null) {
      return 0;
    }
    long step = TOTP_STEP.toMillis();
    long nextWindow = (last.toEpochMilli() / step + 1) * step;
    return Math.max(0, nextWindow - clock.millis() + 1000);
  }

  private Outcome interpret(String device, ProcessResult result) {
    if (result.cancelled()) {
      return new Outcome.Waiting("mfa_process was stopped: the prompt ended");
    }
    if (result.timedOut()) {
      return new Outcome.Unavailable(
          "mfa_process did not finish within " + timeout.toSeconds() + " s and was killed");
    }
    if (result.exitCode() != 0) {
      return new Outcome.Unavailable("mfa_process failed with exit code " + result.exitCode());
    }
    if (result.outputTooLong()) {
      return new Outcome.Unavailable(
          "mfa_process printed more than "
              + BoundedFiles.describe(ProcessRunner.OUTPUT_LIMIT)
              + ", the most rolekeeper reads of it");
    }
    return singleCode(result.stdout())
        .<Outcome>map(
            code -> {
              lastHandedOut.put(device, clock.instant());
              return new Outcome.Code(code);
            })
        .orElseGet(
            () ->
                new Outcome.Unavailable(
                    "mfa_process output did not contain exactly one 6-digit code"));
  }

  private final class Attempt implements Running {
    private final MfaPrompt prompt;
    private final String device;
    private final Promise<Outcome> outcome;
    private volatile ProcessRunner.Running process;
    private volatile boolean cancelled;
    private volatile long timerId = -1;

    Attempt(MfaPrompt prompt, Promise<Outcome> outcome) {
      this.prompt = prompt;
      this.device = prompt.device();
      this.outcome = outcome;
    }

    void launch() {
      if (cancelled) {
        outcome.tryComplete(new Outcome.Waiting("mfa_process was not started: the prompt ended"));
        return;
      }
      Optional<String> command = commands.apply(device);
      if (command.isEmpty()) {
        outcome.tryComplete(new Outcome.Unavailable("no mfa_process is set for " + device));
        return;
      }
      process = runner.run(List.of("sh", "-c", command.get()), environment(prompt), "", timeout);
      process
          .result()
          .map(result -> interpret(device, result))
          .otherwise(
              err ->
                  new Outcome.Unavailable("mfa_process could not be started: " + err.getMessage()))
          .onSuccess(outcome::tryComplete);
    }

    @Override
    public Future<Outcome> outcome() {
      return outcome.future();
    }

    @Override
    public void cancel() {
      cancelled = true;
      if (timerId >= 0) {
        vertx.cancelTimer(timerId);
        outcome.tryComplete(new Outcome.Waiting("mfa_process was not started: the prompt ended"));
      }
      ProcessRunner.Running running = process;
      if (running != null) {
        running.cancel();
      }
    }
  }
}
