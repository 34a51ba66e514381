package dev.rolekeeper.sandbox;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP request as SigV4 sees it: method, the path and query exactly as sent, headers (names
 * lower-cased, repeated headers kept in order) and the body bytes.
 */
record SignedRequest(
    String method,
    String rawPath,
    String rawQuery,
    Map<String, List<String>> headers,
    byte[] body) {

  SignedRequest {
    TreeMap<String, List<String>> lower = new TreeMap<>();
    headers.forEach(
        (name, values) ->
            lower.merge(
                name.toLowerCase(Locale.ROOT),
                List.copyOf(values),
                (a, b) -> java.util.stream.Stream.concat(a.stream(), b.stream()).toList()));
    headers = lower;
    rawQuery = rawQuery == null ? "" : rawQuery;
  }

  Optional<String> header(String lowerName) {
    List<String> values = headers.get(lowerName);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
