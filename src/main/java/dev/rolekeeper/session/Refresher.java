package dev.rolekeeper.session;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * A value kept fresh on one Vert.x context, after the AWS SDK's {@code CachedSupplier}: its {@link
 * Rules} say how to fetch it, how long it stays good and when to refresh next; the refresher runs
 * one fetch at a time (whoever asks meanwhile joins it), keeps the last good value through
 * failures, re-arms a single timer after each attempt, offers a jittered exponential backoff, and
 * lets a caller wait, bounded, for a refresh under way. Role sessions, the shared MFA sessions and
 * SSO tokens all refresh through it; each keeps only what to call, how to sort a failure, what to
 * log.
 *
 * <p>Threading: the mutable state is confined to the context. {@link #state}, {@link #value} and
 * {@link #validAt} read one immutable record and may be called from any thread, as may {@link
 * #refresh}, {@link #awaitRunning} and {@link #stop}; the rest runs on the context.
 */
public final class Refresher<T> {

  /**
   * The timer never sleeps longer than this, so a laptop waking up (or a clock jump) is noticed
   * promptly. The checks fall on the clock's multiples of this period, so the timers of all values
   * wake the daemon together, once per period, rather than each at its own moment.
   */
  private static final long WALL_CLOCK_CHECK_MILLIS = Duration.ofSeconds(15).toMillis();

  /** What the owner of a value decides. Called on the refresher's context. */
  public interface Rules<T> {

    /** One attempt at a new value. Throwing fails this attempt, as a failed future does. */
    Future<T> fetch();

    /** Whether {@code value} may still be served at {@code when}. */
    boolean validAt(T value, Instant when);

    /**
     * When the timer refreshes next, given what the refresher is about to hold: the new value, or
     * the old one with the failure. Null arms nothing. Called once per settled attempt (and by
     * {@link #offer} and {@link #reschedule}), before the state is published: the place to sort a
     * failure, take a {@link #backoff()} and log.
     */
    Instant next(State<T> settled, Instant now);

    /** The timer is due: whether to refresh now (false when the owner did something else). */
    default boolean due() {
      return true;
    }
  }

  /**
   * What the refresher holds, published as one immutable record.
   *
   * @param value the last good value, or null before the first
   * @param failure why the last attempt failed, or null when it succeeded
   * @param next when the timer refreshes next, or null when nothing is armed
   */
  public record State<T>(T value, Throwable failure, Instant next) {}

  /**
   * Exponential backoff with jitter: attempt n waits a random time in [d/2, d], d = min(max,
   * initial * 2^n), so retries of many values do not fall on the same moment.
   */
  public record Backoff(Duration initial, Duration max, RandomGenerator random) {

    public Duration delay(int attempt) {
      long ceiling = initial.toMillis() << Math.min(attempt, 20);
      long capped = Math.max(1, Math.min(max.toMillis(), ceiling));
      return Duration.ofMillis(capped / 2 + random.nextLong(capped / 2 + 1));
    }
  }

  private final Context context;
  private final Clock clock;
  private final Backoff backoff;
  private final Rules<T> rules;
  private volatile State<T> state = new State<>(null, null, null);
  private volatile boolean stopped;
  private Future<T> inFlight;
  private int failures;
  private long timerId = -1;

  /**
   * @param context owns the state; timers fire and refreshes complete on it
   * @param backoff the retry delays {@link #backoff()} hands out, or null when the rules never ask
   */
  public Refresher(Context context, Clock clock, Backoff backoff, Rules<T> rules) {
    this.context = context;
    this.clock = clock;
    this.backoff = backoff;
    this.rules = rules;
  }

  public State<T> state() {
    return state;
  }

  /** The last good value, or null. Any thread. */
  public T value() {
    return state.value();
  }

  /** The last good value if it may still be served at {@code when}, else null. Any thread. */
  public T validAt(Instant when) {
    T held = state.value();
    return held != null && rules.validAt(held, when) ? held : null;
  }

  /** The refresh under way, or null. */
  public Future<T> running() {
    return inFlight;
  }

  public boolean stopped() {
    return stopped;
  }

  /** Refreshes now with the rules' fetch, or joins the refresh under way. */
  public Future<T> refresh() {
    return refresh(rules::fetch);
  }

  /**
   * Refreshes now with {@code attempt}, or joins the refresh under way (then {@code attempt} is not
   * run). Any thread; completes on the context.
   */
  public Future<T> refresh(Supplier<Future<T>> attempt) {
    if (Vertx.currentContext() != context) {
      Promise<T> answer = Promise.promise();
      context.runOnContext(v -> refresh(attempt).onComplete(answer));
      return answer.future();
    }
    if (inFlight != null) {
      return inFlight;
    }
    // Marked as running before the attempt starts: it can settle synchronously (a code source that
    // fails at once), and a settled future left in flight would answer every later caller with it.
    Promise<T> settled = Promise.promise();
    inFlight = settled.future();
    start(attempt)
        .onComplete(
            result -> {
              inFlight = null;
              settle(
                  result.succeeded()
                      ? new State<>(result.result(), null, null)
                      : new State<>(state.value(), result.cause(), null));
              settled.handle(result);
            });
    return settled.future();
  }

  /** Holds {@code value}, obtained elsewhere (a sign-in, say), as if a refresh had brought it. */
  public void offer(T value) {
    settle(new State<>(value, null, null));
  }

  /** Asks the rules again when to refresh (what they decide on changed) and re-arms the timer. */
  public void reschedule() {
    State<T> held = state;
    Instant next = rules.next(held, clock.instant());
    state = new State<>(held.value(), held.failure(), next);
    arm(next);
  }

  /** Drops the value held (it was found to be bad). */
  public void forget() {
    State<T> held = state;
    state = new State<>(null, held.failure(), held.next());
  }

  /** The delay before the next retry: grows with each failure in a row, reset by a success. */
  public Duration backoff() {
    return backoff.delay(failures++);
  }

  /**
   * Completes once the refresh running when {@code after} completes has settled, or after {@code
   * max}, whichever comes first; at once when none runs then or {@code worthWaiting} says no (it
   * waits for a person). So a request that finds no good value, say on a cold start, gets the first
   * one instead of an error. Any thread; completes on the context.
   */
  public Future<Void> awaitRunning(Duration max, Future<?> after, BooleanSupplier worthWaiting) {
    Promise<Void> answer = Promise.promise();
    Vertx vertx = context.owner();
    context.runOnContext(
        v -> {
          long deadline = vertx.setTimer(Math.max(1, max.toMillis()), id -> answer.tryComplete());
          // after completes on this context, so this runs here: at once if it completed already.
          after.onComplete(
              begun -> {
                Future<T> running = worthWaiting.getAsBoolean() ? inFlight : null;
                (running == null ? Future.succeededFuture() : running)
                    .onComplete(
                        done -> {
                          vertx.cancelTimer(deadline);
                          answer.tryComplete();
                        });
              });
        });
    return answer.future();
  }

  /**
   * Cancels the timer for good: a refresh under way still completes and publishes, but arms
   * nothing. Any thread.
   */
  public void stop() {
    stopped = true;
    if (Vertx.currentContext() == context) {
      cancelTimer();
    } else {
      context.runOnContext(v -> cancelTimer());
    }
  }

  private Future<T> start(Supplier<Future<T>> attempt) {
    try {
      return attempt.get();
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  private void settle(State<T> settled) {
    if (settled.failure() == null) {
      failures = 0;
    }
    Instant next = rules.next(settled, clock.instant());
    state = new State<>(settled.value(), settled.failure(), next);
    arm(next);
  }

  private void arm(Instant at) {
    cancelTimer();
    if (stopped || at == null) {
      return;
    }
    Instant now = clock.instant();
    long untilCheck =
        WALL_CLOCK_CHECK_MILLIS - Math.floorMod(now.toEpochMilli(), WALL_CLOCK_CHECK_MILLIS);
    long millis = Math.max(1, Math.min(Duration.between(now, at).toMillis(), untilCheck));
    timerId =
        context
            .owner()
            .setTimer(
                millis,
                id -> {
                  timerId = -1;
                  if (stopped) {
                    return;
                  }
                  if (clock.instant().isBefore(at)) {
                    arm(at);
                  } else if (rules.due()) {
                    refresh();
                  }
                });
  }

  private void cancelTimer() {
    if (timerId >= 0) {
      context.owner().cancelTimer(timerId);
      timerId = -1;
    }
  }
}
