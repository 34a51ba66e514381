package dev.rolekeeper.mfa;

import java.time.Duration;

/**
 * Fails a {@link PendingPrompts#request} future when nobody gave a code in time. Holds no secret.
 */
public final class PromptTimedOut extends RuntimeException {

  private final String device;

  public PromptTimedOut(String device, Duration waited) {
    super(
        "no MFA code for "
            + device
            + " within "
            + waited.toSeconds()
            + " s; the prompt will be raised again later");
    this.device = device;
  }

  /** The MFA device whose prompt timed out. */
  public String device() {
    return device;
  }
}
