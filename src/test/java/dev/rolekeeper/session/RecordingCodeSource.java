package dev.rolekeeper.session;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;

/**
 * A {@link CodeSource} standing in for the person at the keyboard: answers the n-th request
 * (0-based) with what {@code answers} gives, and records every request so tests can count prompts
 * and read their reasons.
 */
final class RecordingCodeSource implements CodeSource {

  /** One request for a code, as the session package made it. */
  record Request(String device, List<String> profiles, String reason, Instant at) {}

  private final IntFunction<Future<String>> answers;
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  RecordingCodeSource(IntFunction<Future<String>> answers) {
    this.answers = answers;
  }

  @Override
  public Future<String> requestCode(
      String device, List<String> profiles, Instant sessionEnds, String reason) {
    int index = requests.size();
    requests.add(new Request(device, List.copyOf(profiles), reason, Instant.now()));
    return answers.apply(index);
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }
}
