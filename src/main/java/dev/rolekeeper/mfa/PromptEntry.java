package dev.rolekeeper.mfa;

import dev.rolekeeper.config.PromptWay;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One pending prompt of {@link PendingPrompts}: the promise its callers share, the context it
 * completes on, and which active ways are still to try. The registry changes it under its own lock;
 * the fields are volatile because timers and prompters read them on other threads.
 */
final class PromptEntry {

  final Promise<MfaCode> promise = Promise.promise();
  final Context context;
  final Instant deadline;
  private final Iterator<PromptWay> ways;
  private final Predicate<PromptWay> usable;
  volatile MfaPrompt prompt;
  volatile long timerId = -1;
  volatile Prompter.Running active;

  /**
   * @param order the configured ways, first tried first
   * @param usable whether an active way can be started here (it has a prompter)
   */
  PromptEntry(
      MfaPrompt prompt,
      Context context,
      Instant deadline,
      List<PromptWay> order,
      Predicate<PromptWay> usable) {
    this.prompt = prompt;
    this.context = context;
    this.deadline = deadline;
    this.ways = order.iterator();
    this.usable = usable;
  }

  /** The next active way to start, if any is left. */
  synchronized Optional<PromptWay> nextActiveWay() {
    while (ways.hasNext()) {
      PromptWay way = ways.next();
      if (way.active() && usable.test(way)) {
        return Optional.of(way);
      }
    }
    return Optional.empty();
  }

  void stopActive() {
    Prompter.Running running = active;
    if (running != null) {
      running.cancel();
    }
  }
}
