package dev.rolekeeper.mfa;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The codes handed over to a session and not yet judged by STS, one per MFA device (a device has
 * one prompt at a time, so one code in flight). Thread-safe.
 */
final class AwaitedVerdicts {

  private final Map<String, Waiting> byDevice = new HashMap<>();

  /** Starts waiting for the verdict on the code just handed over for {@code device}. */
  Future<CodeVerdict> expect(String device, List<String> profiles) {
    Waiting waiting = new Waiting(Promise.promise(), profiles);
    Waiting replaced;
    synchronized (this) {
      replaced = byDevice.put(device, waiting);
    }
    if (replaced != null) {
      replaced
          .promise()
          .tryComplete(
              new CodeVerdict.NotChecked("a newer code was handed over before STS saw it"));
    }
    return waiting.promise().future();
  }

  /**
   * Completes the wait for {@code device}; false when nobody waited (e.g. the code came from a
   * dialog).
   */
  boolean report(String device, CodeVerdict verdict) {
    Waiting waiting;
    synchronized (this) {
      waiting = byDevice.remove(device);
    }
    if (waiting == null) {
      return false;
    }
    waiting
        .promise()
        .tryComplete(
            verdict instanceof CodeVerdict.Accepted accepted
                ? new CodeVerdict.Accepted(waiting.profiles(), accepted.until())
                : verdict);
    return true;
  }

  synchronized boolean awaits(String device) {
    return byDevice.containsKey(device);
  }

  private record Waiting(Promise<CodeVerdict> promise, List<String> profiles) {}
}
