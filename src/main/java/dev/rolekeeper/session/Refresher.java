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
 * Rules} say how to fetch it, how long it is good and when to refresh next; the refresher runs one
 * fetch at a time (whoever asks meanwhile joins it), keeps the last good value through failures,
 * re-arms one timer after each attempt, hands out a jittered backoff, and lets a caller wait,
 * bounded, for a refresh under way. Role sessions, shared MFA sessions and SSO tokens all use it.
 *
 * <p>Threading: state is confined to the context; {@link #state}, {@link #value}, {@link #validAt},
 * {@link #refresh}, {@link #awaitRunning} and {@link #stop} may be called from any thread.
 */
public final class Refresher<T> {

  /**
   * The timer never sleeps longer than this, so a laptop waking up (or a clock jump) is noticed
   * promptly; the checks fall on the clock's multiples of it, so all timers wake the daemon at
   * once.
   */
  private static final long WALL_CLOCK_CHECK_MILLIS = Duration.ofSeconds(15).toMillis();

  /** What the owner of a value decides. Called on the refresher's context. */
  public interface Rules<T> {

    /** One attempt at a new value; throwing fails this attempt only. */
    Future<T> fetch();

    boolean validAt(T value, Instant when);

    /**
     * When the timer refreshes next (null: never), given what is about to be held: the new value,
     * or the old one with the failure. Called once per attempt, {@link #offer} and {@link
     * #reschedule}, before publishing: the place to sort a failure, take a {@link #backoff()}, log.
     */
    Instant next(State<T> settled, Instant now);

    /** The timer is due: whether to refresh now (false when the owner did something else). */
    default boolean due() {
      return true;
    }
  }

  /** What is held: the last good value, the last attempt's failure (or null), the next refresh. */
  public record State<T>(T value, Throwable failure, Instant next) {}

  /** Attempt n waits a random time in [d/2, d], d = min(max, initial * 2^n). */
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
   * @param backoff the delays {@link #backoff()} hands out, or null when the rules never ask
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

  public T value() {
    return state.value();
  }

  /** The last good value if it may still be served at {@code when}, else null. */
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

  public Future<T> refresh() {
    return refresh(rules::fetch);
  }

  /**
   * Refreshes now with {@code attempt}, or joins the refresh under way. Completes on the context.
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
    // Marked before the attempt starts: it can settle synchronously (a code source failing at
    // once),
    // and a settled future left in flight would answer every later caller with it.
    Promise<T> settled = Promise.promise();
    inFlight = settled.future();
    Future<T> attempted;
    try {
      attempted = attempt.get();
    } catch (RuntimeException e) {
      attempted = Future.failedFuture(e);
    }
    attempted.onComplete(
        result -> {
          inFlight = null;
          T held = result.succeeded() ? result.result() : state.value();
          settle(new State<>(held, result.cause(), null));
          settled.handle(result);
        });
    return settled.future();
  }

  /** Holds {@code value}, obtained elsewhere (a sign-in, say), as if a refresh had brought it. */
  public void offer(T value) {
    settle(new State<>(value, null, null));
  }

  /** Asks the rules again when to refresh (what they decide on changed). */
  public void reschedule() {
    settle(state);
  }

  /** Drops the value held: it was found to be bad. */
  public void forget() {
    state = new State<>(null, state.failure(), state.next());
  }

  /** The next retry delay: grows with each failure in a row, reset by a success. */
  public Duration backoff() {
    return backoff.delay(failures++);
  }

  /**
   * Completes once the refresh running when {@code after} completes has settled, or after {@code
   * max}; at once when none runs then or {@code worthWaiting} says no (it waits for a person). So a
   * request finding no good value (a cold start) gets the first one instead of an error.
   */
  public Future<Void> awaitRunning(Duration max, Future<?> after, BooleanSupplier worthWaiting) {
    Promise<Void> answer = Promise.promise();
    Vertx vertx = context.owner();
    context.runOnContext(
        v -> {
          long deadline = vertx.setTimer(Math.max(1, max.toMillis()), id -> answer.tryComplete());
          // after completes on this context, so this runs here: at once if it completed already.
          after.onComplete(
              begun ->
                  (worthWaiting.getAsBoolean() && inFlight != null
                          ? inFlight
                          : Future.succeededFuture())
                      .onComplete(
                          done -> {
                            vertx.cancelTimer(deadline);
                            answer.tryComplete();
                          }));
        });
    return answer.future();
  }

  /** Cancels the timer for good: a refresh under way still completes, but arms nothing. */
  public void stop() {
    stopped = true;
    if (Vertx.currentContext() == context) {
      cancelTimer();
    } else {
      context.runOnContext(v -> cancelTimer());
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
    timerId = context.owner().setTimer(millis, id -> due(at));
  }

  private void due(Instant at) {
    timerId = -1;
    if (stopped) {
      return;
    } else if (clock.instant().isBefore(at)) {
      arm(at);
    } else if (rules.due()) {
      refresh();
    }
  }

  private void cancelTimer() {
    if (timerId >= 0) {
      context.owner().cancelTimer(timerId);
      timerId = -1;
    }
  }
}
