package dev.rolekeeper.session;

import dev.rolekeeper.sts.StsOutcome;

/** A failed STS call, carried through a failed {@link io.vertx.core.Future}. */
public final class StsFailureException extends RuntimeException {

  private final transient StsOutcome.Failed failure;

  public StsFailureException(StsOutcome.Failed failure) {
    super(failure.toString(), null, false, false);
    this.failure = failure;
  }

  public StsOutcome.Failed failure() {
    return failure;
  }
}
