package dev.rolekeeper.sandbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts requests per STS action, as they arrive: before faults and authentication, so a throttled
 * or refused call counts too (what a single-flight test wants to see is how often STS was asked).
 */
final class CallCounter {

  private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

  void record(String action) {
    counts.computeIfAbsent(action, a -> new AtomicInteger()).incrementAndGet();
  }

  int calls(String action) {
    AtomicInteger count = counts.get(action);
    return count == null ? 0 : count.get();
  }

  int total() {
    return counts.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  void reset() {
    counts.clear();
  }
}
