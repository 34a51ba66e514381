package dev.rolekeeper.daemon;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Why an input of the daemon (its settings file, the AWS files) is not in force as it is on disk:
 * the last failed reading of each, kept until one succeeds, for {@code rolekeeper status}. The
 * messages are the logged ones: they name the file and never hold a secret. Thread-safe.
 */
final class ReloadErrors {

  static final String SETTINGS = "settings";
  static final String AWS_FILES = "AWS files";

  /**
   * One input's last failure.
   *
   * @param input {@link #SETTINGS} or {@link #AWS_FILES}
   * @param error why it was refused, naming the file
   * @param at when
   */
  record Failure(String input, String error, Instant at) {}

  private final Clock clock;
  private final Map<String, Failure> byInput = new LinkedHashMap<>();

  ReloadErrors(Clock clock) {
    this.clock = clock;
  }

  /** {@code input} was refused: what is in force is what was read before. */
  synchronized void failed(String input, String error) {
    byInput.put(input, new Failure(input, error, clock.instant()));
  }

  /** {@code input} was read and applied (or found unchanged) without an error. */
  synchronized void succeeded(String input) {
    byInput.remove(input);
  }

  /** The failure of {@code input} standing now, or null. */
  synchronized Failure of(String input) {
    return byInput.get(input);
  }

  /** {@code [{input, error, at}]}, {@code at} as ISO-8601; empty when everything was read. */
  synchronized JsonArray statusJson() {
    JsonArray array = new JsonArray();
    byInput
        .values()
        .forEach(
            f ->
                array.add(
                    new JsonObject()
                        .put("input", f.input())
                        .put("error", f.error())
                        .put("at", f.at().truncatedTo(ChronoUnit.SECONDS).toString())));
    return array;
  }
}
