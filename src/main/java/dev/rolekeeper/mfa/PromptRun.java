package dev.rolekeeper.mfa;

import dev.rolekeeper.process.ProcessResult;
import dev.rolekeeper.process.ProcessRunner;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.List;

/** One prompter's work on one prompt: a chain of commands, any of which {@link #cancel()} kills. */
final class PromptRun implements Prompter.Running {

  private final Promise<Prompter.Outcome> outcome = Promise.promise();
  private volatile ProcessRunner.Running current;
  private volatile boolean cancelled;

  /** Runs the next command of the chain, unless the prompt already ended. */
  Future<ProcessResult> run(
      ProcessRunner runner, List<String> command, String stdin, Duration timeout) {
    if (cancelled) {
      return Future.succeededFuture(new ProcessResult(-1, "", "", false, true));
    }
    ProcessRunner.Running running = runner.run(command, stdin, timeout);
    current = running;
    if (cancelled) {
      running.cancel();
    }
    return running.result();
  }

  boolean cancelled() {
    return cancelled;
  }

  void finish(Prompter.Outcome result) {
    outcome.tryComplete(result);
  }

  /**
   * Completes with the outcome of {@code step}, or Unavailable naming {@code what} if it failed.
   */
  void finishWith(Future<Prompter.Outcome> step, String what) {
    step.onComplete(
        ar ->
            finish(
                ar.succeeded()
                    ? ar.result()
                    : new Prompter.Outcome.Unavailable(
                        what + " failed: " + ar.cause().getMessage())));
  }

  @Override
  public Future<Prompter.Outcome> outcome() {
    return outcome.future();
  }

  @Override
  public void cancel() {
    cancelled = true;
    ProcessRunner.Running running = current;
    if (running != null) {
      running.cancel();
    }
    outcome.tryComplete(new Prompter.Outcome.Waiting("the prompt ended"));
  }
}
