package dev.rolekeeper.os;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class SteadyReadTest {

  private static final Duration SETTLE = Duration.ofMillis(5);

  private final AtomicInteger reads = new AtomicInteger();

  private Supplier<Future<String>> reads(String... values) {
    Iterator<String> next = List.of(values).iterator();
    return () -> {
      reads.incrementAndGet();
      return Future.succeededFuture(next.next());
    };
  }

  @Test
  void sameAsInForce_readOnce(Vertx vertx, VertxTestContext ctx) {
    SteadyRead.of(vertx, SETTLE, "a", reads("a"))
        .onComplete(
            ctx.succeeding(
                value ->
                    ctx.verify(
                        () -> {
                          assertThat(value).isEqualTo("a");
                          assertThat(reads).hasValue(1);
                          ctx.completeNow();
                        })));
  }

  @Test
  void truncatedThenWritten_theWrittenValueOnceTwoReadsAgree(Vertx vertx, VertxTestContext ctx) {
    SteadyRead.of(vertx, SETTLE, "a", reads("", "b", "b"))
        .onComplete(
            ctx.succeeding(
                value ->
                    ctx.verify(
                        () -> {
                          assertThat(value).isEqualTo("b");
                          assertThat(reads).hasValue(3);
                          ctx.completeNow();
                        })));
  }

  @Test
  void neverStill_takesTheTenthRead(Vertx vertx, VertxTestContext ctx) {
    SteadyRead.of(vertx, SETTLE, "a", reads("1", "2", "3", "4", "5", "6", "7", "8", "9", "10"))
        .onComplete(
            ctx.succeeding(
                value ->
                    ctx.verify(
                        () -> {
                          assertThat(value).isEqualTo("10");
                          assertThat(reads).hasValue(10);
                          ctx.completeNow();
                        })));
  }

  @Test
  void readFails_failsWithItsCause(Vertx vertx, VertxTestContext ctx) {
    Iterator<Future<String>> next =
        List.of(Future.succeededFuture("b"), Future.<String>failedFuture("unreadable")).iterator();
    SteadyRead.of(vertx, SETTLE, "a", next::next)
        .onComplete(
            ctx.failing(
                e ->
                    ctx.verify(
                        () -> {
                          assertThat(e).hasMessage("unreadable");
                          ctx.completeNow();
                        })));
  }
}
