package dev.rolekeeper.sandbox;

import dev.rolekeeper.crypto.Sha256;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds the SigV4 canonical request: method, canonical URI (each path segment URI-encoded again,
 * as every service but S3 expects), canonical query, the listed headers (lower-case names, values
 * trimmed with inner runs of spaces collapsed, repeats joined by commas), the signed-header list
 * and the hex SHA-256 of the body as received — so a changed body changes the hash.
 */
final class CanonicalRequest {

  private CanonicalRequest() {}

  static String of(SignedRequest request, List<String> signedHeaders) {
    return request.method()
        + "\n"
        + canonicalUri(request.rawPath())
        + "\n"
        + canonicalQuery(request.rawQuery())
        + "\n"
        + canonicalHeaders(request, signedHeaders)
        + "\n"
        + String.join(";", signedHeaders)
        + "\n"
        + Sha256.hexOf(request.body());
  }

  private static String canonicalUri(String rawPath) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    return uriEncode(rawPath, false);
  }

  private static String canonicalQuery(String rawQuery) {
    if (rawQuery.isEmpty()) {
      return "";
    }
    List<String[]> pairs = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      pairs.add(new String[] {uriEncode(decode(name), true), uriEncode(decode(value), true)});
    }
    pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    return pairs.stream().map(p -> p[0] + "=" + p[1]).collect(Collectors.joining("&"));
  }

  private static String canonicalHeaders(SignedRequest request, List<String> signedHeaders) {
    StringBuilder out = new StringBuilder();
    for (String name : signedHeaders) {
      List<String> values = request.headers().getOrDefault(name, List.of());
      out.append(name)
          .append(':')
          .append(
              values.stream()
                  .map(v -> v.trim().replaceAll(" +", " "))
                  .collect(Collectors.joining(",")))
          .append('\n');
    }
    return out.toString();
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /**
   * RFC 3986 encoding: unreserved characters stay, everything else becomes %XX (upper-case hex).
   */
  static String uriEncode(String s, boolean encodeSlash) {
    StringBuilder out = new StringBuilder(s.length() * 2);
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~'
          || (c == '/' && !encodeSlash)) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
