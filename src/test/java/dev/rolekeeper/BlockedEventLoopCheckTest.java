package dev.rolekeeper;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class BlockedEventLoopCheckTest {

  @Test
  void eventLoopBlockedLongerThanTheTestLimit_isRecordedForTheFailingCheck(Vertx vertx)
      throws Exception {
    // Blocks on purpose, then takes the record so this one test is not failed by the check it
    // tests.
    io.vertx.core.Context loop = vertx.getOrCreateContext();
    loop.runOnContext(v -> sleep(1600));
    List<String> recorded = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (recorded.isEmpty() && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(50);
      recorded.addAll(BlockedEventLoopCheck.takeRecorded());
    }
    java.util.concurrent.CompletableFuture<Void> free =
        new java.util.concurrent.CompletableFuture<>();
    loop.runOnContext(v -> free.complete(null));
    free.get(10, TimeUnit.SECONDS);
    BlockedEventLoopCheck.takeRecorded();

    assertThat(recorded).isNotEmpty();
    assertThat(recorded.get(0)).contains("vert.x-eventloop-thread").contains("has been blocked");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
