package dev.rolekeeper.mfa;

import dev.rolekeeper.config.PromptWay;
import dev.rolekeeper.session.CodeSource.CodeVerdict;
import dev.rolekeeper.session.CodeSource.MfaUnavailableException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry of MFA prompts: at most one pending prompt per MFA device, shared by every profile
 * waiting on that device; a code from any way in satisfies it.
 *
 * <p>Thread-safe: {@link #submit} may be called from any thread (web handler, control route,
 * prompter). Futures complete on the Vert.x context of the first request for the device. A prompt
 * that nobody answers within {@code promptTimeout} fails with {@link MfaUnavailableException} (to
 * the sessions: no code came); the caller raises it again later.
 *
 * <p>On each new prompt the active ways ({@link PromptWay#NOTIFICATION}, {@link PromptWay#PROCESS})
 * are started in the configured order: the first that works is used, and when one reports {@link
 * Prompter.Outcome.Unavailable} the next is started. The passive ways ({@link PromptWay#WEB},
 * {@link PromptWay#CLI}) stay open throughout.
 */
public final class PendingPrompts {

  private static final Logger LOG = LoggerFactory.getLogger(PendingPrompts.class);

  private final Vertx vertx;
  private final Duration promptTimeout;
  private final List<PromptWay> order;
  private final ActiveWays ways;
  private final Map<String, PromptEntry> byDevice = new LinkedHashMap<>();
  private final List<Consumer<String>> endListeners = new CopyOnWriteArrayList<>();
  private final AwaitedVerdicts verdicts = new AwaitedVerdicts();

  /**
   * @param promptTimeout how long a prompt waits for a code
   * @param order the configured ways, first tried first
   * @param prompters the active ways available here; an active way in {@code order} without a
   *     prompter (e.g. PROCESS when no {@code mfa_process} is configured) is skipped
   */
  public PendingPrompts(
      Vertx vertx,
      Duration promptTimeout,
      List<PromptWay> order,
      Map<PromptWay, Prompter> prompters) {
    if (promptTimeout.isNegative() || promptTimeout.isZero()) {
      throw new IllegalArgumentException("the MFA prompt timeout must be positive");
    }
    this.vertx = vertx;
    this.promptTimeout = promptTimeout;
    this.order = List.copyOf(order);
    this.ways = new ActiveWays(vertx, Map.copyOf(prompters), this::attach, this::submitFrom);
  }

  /**
   * Asks for a code from {@code prompt.device()}. Joins the pending prompt for that device if there
   * is one (all callers get the same code).
   *
   * @return the code; fails with {@link MfaUnavailableException} when the prompt timed out or was
   *     cancelled
   */
  public Future<MfaCode> request(MfaPrompt prompt) {
    PromptEntry started;
    synchronized (this) {
      PromptEntry existing = byDevice.get(prompt.device());
      if (existing != null) {
        existing.prompt = existing.prompt.joinedWith(prompt);
        LOG.info(
            "MFA prompt for {} now also serves {}", prompt.device(), existing.prompt.profileList());
        return existing.promise.future();
      }
      started =
          new PromptEntry(
              prompt,
              vertx.getOrCreateContext(),
              Instant.now().plus(promptTimeout),
              order,
              ways::has);
      byDevice.put(prompt.device(), started);
    }
    LOG.info(
        "MFA code needed for {} (profiles {}): {}",
        prompt.device(),
        prompt.profileList(),
        prompt.reason());
    started.timerId = vertx.setTimer(promptTimeout.toMillis(), id -> timeOut(started));
    ways.startNext(started);
    return started.promise.future();
  }

  /**
   * Hands a code to a pending prompt.
   *
   * @param device the MFA device the code is from; empty means "the only pending one"
   * @return accepted (STS's verdict to come: {@link #reportVerdict}), or rejected saying why
   *     (nothing pending, ...)
   */
  public SubmitOutcome submit(Optional<String> device, MfaCode code) {
    PromptEntry entry;
    Future<CodeVerdict> verdict;
    synchronized (this) {
      Optional<PromptEntry> found = device.map(byDevice::get);
      if (device.isPresent() && found.isEmpty()) {
        return new SubmitOutcome.Rejected("no MFA code is pending for " + device.get());
      }
      if (device.isEmpty() && byDevice.size() != 1) {
        return new SubmitOutcome.Rejected(
            byDevice.isEmpty()
                ? "no MFA code is pending"
                : "codes are pending for several MFA devices ("
                    + String.join(", ", byDevice.keySet())
                    + "): say which one with --device");
      }
      entry = found.orElseGet(() -> byDevice.values().iterator().next());
      byDevice.remove(entry.prompt.device());
      verdict = verdicts.expect(entry.prompt.device());
    }
    finish(entry, promise -> promise.tryComplete(code));
    return new SubmitOutcome.Accepted(entry.prompt.device(), entry.prompt.profiles(), verdict);
  }

  /**
   * What STS made of the code last handed over for {@code device}: completes that submission's
   * verdict.
   */
  public void reportVerdict(String device, CodeVerdict verdict) {
    if (verdicts.report(device, verdict)) {
      endListeners.forEach(listener -> listener.accept(device));
    }
  }

  /**
   * Whether {@code device} has a pending prompt, or a code handed over whose verdict is still to
   * come.
   */
  public synchronized boolean inPlay(String device) {
    return byDevice.containsKey(device) || verdicts.awaits(device);
  }

  /** The prompts waiting for a code, oldest first. */
  public synchronized List<MfaPrompt> pending() {
    return byDevice.values().stream().map(entry -> entry.prompt).toList();
  }

  /** When the prompt waiting for {@code device} times out, if one is waiting. */
  public synchronized Optional<Instant> deadline(String device) {
    return Optional.ofNullable(byDevice.get(device)).map(entry -> entry.deadline);
  }

  /**
   * {@link #pending()} as the {@code mfaPrompts} array of {@code GET /control/status} (no secret in
   * it).
   */
  public JsonArray statusJson() {
    return new JsonArray(
        pending().stream()
            .map(
                p ->
                    new JsonObject()
                        .put("device", p.device())
                        .put("profiles", String.join(",", p.profiles()))
                        .put("reason", p.reason()))
            .toList());
  }

  /** The prompt waiting for {@code device}, if any. */
  public synchronized Optional<MfaPrompt> pending(String device) {
    return Optional.ofNullable(byDevice.get(device)).map(entry -> entry.prompt);
  }

  /** Drops the prompt for {@code device}: its callers fail with {@link MfaUnavailableException}. */
  public void cancel(String device) {
    PromptEntry entry;
    synchronized (this) {
      entry = byDevice.remove(device);
    }
    if (entry != null) {
      finish(
          entry,
          promise ->
              promise.tryFail(
                  new MfaUnavailableException("the MFA prompt for " + device + " was cancelled")));
    }
  }

  /**
   * Calls {@code listener} with the device whenever a prompt ends (code, timeout, cancel) or a
   * verdict comes.
   */
  public void onPromptEnded(Consumer<String> listener) {
    endListeners.add(listener);
  }

  private void timeOut(PromptEntry entry) {
    if (!taken(entry)) {
      return;
    }
    String device = entry.prompt.device();
    long seconds = promptTimeout.toSeconds();
    LOG.warn("nobody gave an MFA code for {} within {} s", device, seconds);
    String why = "no MFA code for " + device + " within " + seconds + " s";
    finish(
        entry,
        promise ->
            promise.tryFail(
                new MfaUnavailableException(why + "; the prompt will be raised again later")));
  }

  /** Removes {@code entry} if it is still the device's pending prompt: true if it was. */
  private synchronized boolean taken(PromptEntry entry) {
    return byDevice.remove(entry.prompt.device(), entry);
  }

  private void finish(PromptEntry entry, Consumer<Promise<MfaCode>> completion) {
    vertx.cancelTimer(entry.timerId);
    entry.stopActive();
    entry.context.runOnContext(v -> completion.accept(entry.promise));
    endListeners.forEach(listener -> listener.accept(entry.prompt.device()));
  }

  private synchronized boolean attach(PromptEntry entry, Prompter.Running running) {
    boolean live = byDevice.get(entry.prompt.device()) == entry;
    if (live) {
      entry.active = running;
    }
    return live;
  }

  private boolean submitFrom(PromptEntry entry, MfaCode code) {
    if (!taken(entry)) {
      return false;
    }
    finish(entry, promise -> promise.tryComplete(code));
    return true;
  }
}
