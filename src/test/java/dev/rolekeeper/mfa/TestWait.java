package dev.rolekeeper.mfa;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Bounded polling for conditions outside Vert.x (processes, files, X windows): fails after the
 * limit.
 */
final class TestWait {

  private TestWait() {}

  static void until(Callable<Boolean> condition, Duration limit) throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!Boolean.TRUE.equals(condition.call())) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + limit.toMillis() + " ms");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
    }
  }
}
