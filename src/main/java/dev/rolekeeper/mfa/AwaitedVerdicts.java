package dev.rolekeeper.mfa;

import dev.rolekeeper.session.CodeSource.CodeVerdict;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.HashMap;
import java.util.Map;

/**
 * The codes handed over to a session and not yet judged by STS, one per MFA device (a device has
 * one prompt at a time, so one code in flight). Thread-safe.
 */
final class AwaitedVerdicts {

  private final Map<String, Promise<CodeVerdict>> byDevice = new HashMap<>();

  /** Starts waiting for the verdict on the code just handed over for {@code device}. */
  Future<CodeVerdict> expect(String device) {
    Promise<CodeVerdict> waiting = Promise.promise();
    Promise<CodeVerdict> replaced;
    synchronized (this) {
      replaced = byDevice.put(device, waiting);
    }
    if (replaced != null) {
      replaced.tryComplete(
          new CodeVerdict.NotChecked("a newer code was handed over before STS saw it"));
    }
    return waiting.future();
  }

  /**
   * Completes the wait for {@code device}; false when nobody waited (e.g. the code came from a
   * dialog).
   */
  boolean report(String device, CodeVerdict verdict) {
    Promise<CodeVerdict> waiting;
    synchronized (this) {
      waiting = byDevice.remove(device);
    }
    if (waiting == null) {
      return false;
    }
    waiting.tryComplete(verdict);
    return true;
  }

  synchronized boolean awaits(String device) {
    return byDevice.containsKey(device);
  }
}
