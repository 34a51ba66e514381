package dev.rolekeeper.mfa;

import dev.rolekeeper.config.PromptWay;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a pending prompt's active ways one after another: the next one only when the one before
 * reports {@link Prompter.Outcome.Unavailable}. A code a way reads goes back to the registry, which
 * decides whether the prompt is still pending. Thread-safe: it holds no state of its own.
 */
final class ActiveWays {

  // Under the registry's name: these lines tell the story of its prompts, as they always have.
  private static final Logger LOG = LoggerFactory.getLogger(PendingPrompts.class);

  private final Vertx vertx;
  private final Map<PromptWay, Prompter> prompters;
  private final BiPredicate<PromptEntry, Prompter.Running> attach;
  private final BiPredicate<PromptEntry, MfaCode> submit;

  /**
   * @param attach hands a started way to the entry if it is still pending, under the registry's
   *     lock; false when the prompt ended meanwhile (the way is then cancelled)
   * @param submit completes the entry with a code if it is still pending; false when it was not
   */
  ActiveWays(
      Vertx vertx,
      Map<PromptWay, Prompter> prompters,
      BiPredicate<PromptEntry, Prompter.Running> attach,
      BiPredicate<PromptEntry, MfaCode> submit) {
    this.vertx = vertx;
    this.prompters = prompters;
    this.attach = attach;
    this.submit = submit;
  }

  boolean has(PromptWay way) {
    return prompters.containsKey(way);
  }

  void startNext(PromptEntry entry) {
    Optional<PromptWay> next = entry.nextActiveWay();
    if (next.isEmpty()) {
      return;
    }
    PromptWay way = next.get();
    Prompter prompter = prompters.get(way);
    // Starting a way looks programs up on the PATH and launches processes: on a worker, never under
    // the registry's lock.
    vertx
        .executeBlocking(() -> prompter.start(entry.prompt), false)
        .onComplete(
            started -> {
              if (started.failed()) {
                handle(
                    entry,
                    way,
                    new Prompter.Outcome.Unavailable(
                        "it could not start: " + started.cause().getMessage()));
                return;
              }
              Prompter.Running running = started.result();
              if (!attach.test(entry, running)) {
                running.cancel();
                return;
              }
              running.outcome().onSuccess(outcome -> handle(entry, way, outcome));
            });
  }

  private void handle(PromptEntry entry, PromptWay way, Prompter.Outcome outcome) {
    // Java 17: no pattern switch; the interface is sealed, so these three branches are all there
    // is.
    if (outcome instanceof Prompter.Outcome.Code code) {
      if (submit.test(entry, code.code())) {
        LOG.info("MFA code for {} came from {}", entry.prompt.device(), way.word());
      }
    } else if (outcome instanceof Prompter.Outcome.Unavailable unavailable) {
      LOG.info(
          "MFA way {} for {} did not work ({}); trying the next",
          way.word(),
          entry.prompt.device(),
          unavailable.reason());
      startNext(entry);
    } else if (outcome instanceof Prompter.Outcome.Waiting waiting) {
      LOG.debug("MFA way {} for {}: {}", way.word(), entry.prompt.device(), waiting.reason());
    }
  }
}
