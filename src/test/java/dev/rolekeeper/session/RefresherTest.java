package dev.rolekeeper.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The one refresh primitive, on a controllable clock and a scripted fetch. */
@ExtendWith(VertxExtension.class)
class RefresherTest {

  /** 5 ms before one of the clock's 15 s checks, so an armed timer wakes at once to look. */
  private static final Instant T0 = Instant.ofEpochMilli(1_800_000_000_000L - 5);

  private record Value(String id, Instant expires) {}

  private Vertx vertx;
  private Context context;
  private TestClock clock;

  /** Each fetch takes the next promise, so a test settles attempts when it wants to. */
  private final Queue<Promise<Value>> fetches = new ArrayDeque<>();

  private volatile int fetched;
  private BiFunction<Refresher.State<Value>, Instant, Instant> next = (settled, now) -> null;

  @BeforeEach
  void setUp(Vertx vertx) {
    this.vertx = vertx;
    context = vertx.getOrCreateContext();
    clock = new TestClock(T0);
  }

  private Refresher<Value> refresher(Refresher.Backoff backoff) {
    return new Refresher<>(
        context,
        clock,
        backoff,
        new Refresher.Rules<>() {
          @Override
          public Future<Value> fetch() {
            fetched++;
            Promise<Value> attempt = Promise.promise();
            fetches.add(attempt);
            return attempt.future();
          }

          @Override
          public boolean validAt(Value value, Instant when) {
            return value.expires().isAfter(when);
          }

          @Override
          public Instant next(Refresher.State<Value> settled, Instant now) {
            return next.apply(settled, now);
          }
        });
  }

  @Test
  void refresh_askedTwiceWhileAFetchRuns_oneFetchAndBothGetItsValue() throws Exception {
    Refresher<Value> refresher = refresher(null);
    Future<Value> first = refresher.refresh();
    Future<Value> second = refresher.refresh();
    Value value = new Value("a", T0.plusSeconds(600));
    settleNext(value);

    assertThat(await(first)).isEqualTo(value);
    assertThat(await(second)).isEqualTo(value);
    assertThat(fetched).isEqualTo(1);
  }

  @Test
  void refresh_fetchThrows_failsThatAttemptOnly_nextRefreshFetchesAgain() throws Exception {
    Refresher<Value> refresher =
        new Refresher<>(
            context,
            clock,
            null,
            new Refresher.Rules<Value>() {
              @Override
              public Future<Value> fetch() {
                fetched++;
                throw new IllegalStateException("boom " + fetched);
              }

              @Override
              public boolean validAt(Value value, Instant when) {
                return true;
              }

              @Override
              public Instant next(Refresher.State<Value> settled, Instant now) {
                return null;
              }
            });

    assertThat(failure(refresher.refresh())).hasMessage("boom 1");
    assertThat(failure(refresher.refresh())).hasMessage("boom 2");
    assertThat(refresher.state().failure()).hasMessage("boom 2");
  }

  @Test
  void timer_clockPassesThePrefetchTime_refreshesOnce() throws Exception {
    next = (settled, now) -> now.plus(Duration.ofMinutes(50));
    Refresher<Value> refresher = refresher(null);
    Future<Value> first = refresher.refresh();
    settleNext(new Value("a", T0.plus(Duration.ofHours(1))));
    await(first);
    assertThat(refresher.state().next()).isEqualTo(T0.plus(Duration.ofMinutes(50)));
    // The timer wakes every 5 ms here (the clock sits just before a wall-clock check): not yet due.
    await(onContext(() -> vertx.timer(50)));
    assertThat(fetched).isEqualTo(1);

    // The laptop wakes up 50 minutes later: the next wall-clock check sees the prefetch time
    // passed.
    clock.set(T0.plus(Duration.ofMinutes(50)));
    await(Eventually.until(vertx, () -> fetched == 2, Duration.ofSeconds(5)));
    settleNext(new Value("b", T0.plus(Duration.ofHours(2))));
    await(Eventually.until(vertx, () -> refresher.value().id().equals("b"), Duration.ofSeconds(5)));

    assertThat(fetched).isEqualTo(2);
  }

  @Test
  void timer_afterStop_armsNothing() throws Exception {
    next = (settled, now) -> now;
    Refresher<Value> refresher = refresher(null);
    Future<Value> first = refresher.refresh();
    refresher.stop();
    settleNext(new Value("a", T0.plusSeconds(600)));
    await(first);
    // A timer due at once would have fired within these 50 ms of Vert.x timers.
    await(onContext(() -> vertx.timer(50)));

    assertThat(fetched).isEqualTo(1);
    assertThat(refresher.value().id()).isEqualTo("a");
  }

  @Test
  void backoff_failuresInARow_growWithinJitterBounds_andASuccessStartsOver() throws Exception {
    List<Duration> waits = new ArrayList<>();
    AtomicReference<Refresher<Value>> holder = new AtomicReference<>();
    next =
        (settled, now) -> {
          if (settled.failure() != null) {
            waits.add(holder.get().backoff());
          }
          return null;
        };
    Refresher<Value> refresher =
        refresher(new Refresher.Backoff(Duration.ofSeconds(1), Duration.ofHours(1), new Random()));
    holder.set(refresher);
    for (int i = 0; i < 3; i++) {
      Future<Value> attempt = refresher.refresh();
      settleNextFailed("down");
      failure(attempt);
    }
    Future<Value> ok = refresher.refresh();
    settleNext(new Value("a", T0.plusSeconds(600)));
    await(ok);
    Future<Value> again = refresher.refresh();
    settleNextFailed("down");
    failure(again);

    assertThat(waits.get(0).toMillis()).isBetween(500L, 1000L);
    assertThat(waits.get(1).toMillis()).isBetween(1000L, 2000L);
    assertThat(waits.get(2).toMillis()).isBetween(2000L, 4000L);
    assertThat(waits.get(3).toMillis()).isBetween(500L, 1000L);
  }

  @Test
  void backoffDelay_growingAttempts_doublesWithinJitterBoundsUpToTheMax() {
    Refresher.Backoff backoff =
        new Refresher.Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5), new Random(42));
    for (int attempt = 0; attempt < 6; attempt++) {
      long ceiling = 2000L << attempt;
      assertThat(backoff.delay(attempt).toMillis()).isBetween(ceiling / 2, ceiling);
    }
    for (int attempt = 8; attempt < 200; attempt++) {
      assertThat(backoff.delay(attempt)).isBetween(Duration.ofSeconds(150), Duration.ofMinutes(5));
    }
    long distinct = IntStream.range(0, 20).mapToObj(i -> backoff.delay(3)).distinct().count();
    assertThat(distinct).isGreaterThan(10);
  }

  @Test
  void lastGoodValue_refreshFails_servedWhileValidAndNotAfter() throws Exception {
    Refresher<Value> refresher = refresher(null);
    Instant expires = T0.plus(Duration.ofMinutes(10));
    Future<Value> first = refresher.refresh();
    settleNext(new Value("a", expires));
    await(first);
    Future<Value> second = refresher.refresh();
    settleNextFailed("STS is down");
    failure(second);

    assertThat(refresher.state().failure()).hasMessage("STS is down");
    assertThat(refresher.value().id()).isEqualTo("a");
    assertThat(refresher.validAt(expires.minusMillis(1))).isNotNull();
    assertThat(refresher.validAt(expires)).isNull();
  }

  @Test
  void awaitRunning_fetchSettlesInTime_completesOnceItHas() throws Exception {
    Refresher<Value> refresher = refresher(null);
    Promise<Void> begun = Promise.promise();
    Future<Void> waited =
        refresher.awaitRunning(Duration.ofSeconds(30), begun.future(), () -> true);
    onContext(
        () -> {
          refresher.refresh();
          begun.complete();
          return Future.succeededFuture();
        });
    await(Eventually.until(vertx, () -> fetched == 1, Duration.ofSeconds(5)));
    assertThat(waited.isComplete()).isFalse();

    settleNext(new Value("a", T0.plusSeconds(600)));
    await(waited);

    assertThat(refresher.value().id()).isEqualTo("a");
  }

  @Test
  void awaitRunning_fetchNeverSettles_givesUpAfterTheWait() throws Exception {
    Refresher<Value> refresher = refresher(null);
    refresher.refresh();
    long start = System.nanoTime();

    await(refresher.awaitRunning(Duration.ofMillis(200), Future.succeededFuture(), () -> true));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(await(onContext(() -> Future.succeededFuture(refresher.running() != null))))
        .isTrue();
    assertThat(refresher.value()).isNull();
  }

  @Test
  void awaitRunning_notWorthWaiting_completesAtOnce() throws Exception {
    Refresher<Value> refresher = refresher(null);
    refresher.refresh();

    await(refresher.awaitRunning(Duration.ofHours(1), Future.succeededFuture(), () -> false));

    assertThat(refresher.value()).isNull();
  }

  private void settleNext(Value value) throws Exception {
    await(onContext(() -> settle(p -> p.complete(value))));
  }

  private void settleNextFailed(String why) throws Exception {
    await(onContext(() -> settle(p -> p.fail(new IllegalStateException(why)))));
  }

  /** On the context: settles the oldest fetch still open, once it has started. */
  private Future<Void> settle(java.util.function.Consumer<Promise<Value>> how) {
    if (fetches.isEmpty()) {
      return vertx.timer(5).compose(id -> settle(how));
    }
    how.accept(fetches.remove());
    return Future.succeededFuture();
  }

  private <T> Future<T> onContext(Supplier<Future<T>> work) {
    Promise<T> done = Promise.promise();
    context.runOnContext(v -> work.get().onComplete(done));
    return done.future();
  }

  private static Throwable failure(Future<?> future) throws Exception {
    future.toCompletionStage().toCompletableFuture().handle((r, e) -> r).get(10, TimeUnit.SECONDS);
    assertThat(future.failed()).isTrue();
    return future.cause();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** A clock the test moves by hand. */
  private static final class TestClock extends Clock {
    private volatile Instant now;

    TestClock(Instant now) {
      this.now = now;
    }

    void set(Instant instant) {
      now = instant;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
