package dev.rolekeeper.sandbox;

import java.time.Duration;
import java.util.Objects;

/** A failure the simulator can inject into its next answers (see {@link StsSimulator#failNext}). */
public sealed interface Fault {

  /** Answer 400 {@code Throttling} "Rate exceeded" (SDKs retry it). */
  Fault THROTTLE = new Throttle();

  /** Answer 500 {@code InternalFailure}. */
  Fault SERVER_ERROR = new ServerError(500);

  /** Answer 503 {@code ServiceUnavailable}. */
  Fault SERVICE_UNAVAILABLE = new ServerError(503);

  /** Answer 200 with a body that is not well-formed XML. */
  Fault MALFORMED_XML = new MalformedXml();

  /** Close the connection without answering, as a reset connection looks to the client. */
  Fault RESET = new Reset();

  /** Never answer: the client's own call timeout has to end the call. */
  Fault HANG = new Hang();

  /** Answer 403 {@code AccessDenied}, as when a policy changed (not retryable for the client). */
  Fault ACCESS_DENIED = new Denied();

  /** Handle the request normally, but only after {@code delay} (a timer, not a blocked thread). */
  static Fault latency(Duration delay) {
    return new Latency(delay);
  }

  /** See {@link #THROTTLE}. */
  record Throttle() implements Fault {}

  /** A 5xx answer with the given status. */
  record ServerError(int status) implements Fault {
    public ServerError {
      if (status < 500 || status > 599) {
        throw new IllegalArgumentException("a server error status is 5xx, was " + status);
      }
    }
  }

  /** See {@link #MALFORMED_XML}. */
  record MalformedXml() implements Fault {}

  /** See {@link #RESET}. */
  record Reset() implements Fault {}

  /** See {@link #HANG}. */
  record Hang() implements Fault {}

  /** See {@link #ACCESS_DENIED}. */
  record Denied() implements Fault {}

  /** See {@link #latency(Duration)}. */
  record Latency(Duration delay) implements Fault {
    public Latency {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("latency must not be negative: " + delay);
      }
    }
  }
}
