package dev.rolekeeper.sandbox;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The queue of faults the next requests will meet, one fault per request, in the order they were
 * planned. Thread-safe: tests plan faults from their own thread while the event loop takes them.
 */
final class FaultPlan {

  private final Deque<Fault> pending = new ArrayDeque<>();

  synchronized void failNext(Fault fault, int times) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, was " + times);
    }
    for (int i = 0; i < times; i++) {
      pending.addLast(fault);
    }
  }

  synchronized Optional<Fault> take() {
    return Optional.ofNullable(pending.pollFirst());
  }

  synchronized void clear() {
    pending.clear();
  }
}
