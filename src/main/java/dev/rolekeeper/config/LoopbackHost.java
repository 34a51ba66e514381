package dev.rolekeeper.config;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether a configured listen host is acceptable: {@code localhost} or an IPv4 literal in
 * 127.0.0.0/8. IPv6 loopback ({@code ::1}) is refused too, because the container URI handed to SDKs
 * must be an IPv4 literal. Nothing is resolved through DNS: {@code localhost} is taken to mean
 * 127.0.0.1.
 */
final class LoopbackHost {

  private static final Pattern IPV4 =
      Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
  private static final String LOCALHOST = "localhost";

  private LoopbackHost() {}

  /** Why {@code host} is refused, or empty if it is acceptable. */
  static Optional<String> problem(String host) {
    if (host.equalsIgnoreCase(LOCALHOST) || isIpv4Loopback(host)) {
      return Optional.empty();
    }
    if (host.equals("::1") || host.equals("[::1]")) {
      return Optional.of(
          host
              + " is IPv6 loopback; rolekeeper listens on IPv4 loopback only (127.0.0.0/8 or"
              + " localhost), because SDKs need an IPv4 literal in the container URI");
    }
    return Optional.of(
        host
            + " is not a loopback address; rolekeeper listens on loopback only (127.0.0.0/8 or"
            + " localhost)");
  }

  /** The IPv4 literal for an accepted host. */
  static String bindAddress(String host) {
    return host.equalsIgnoreCase(LOCALHOST) ? "127.0.0.1" : host.toLowerCase(Locale.ROOT);
  }

  private static boolean isIpv4Loopback(String host) {
    Matcher m = IPV4.matcher(host);
    if (!m.matches() || !m.group(1).equals("127")) {
      return false;
    }
    for (int i = 2; i <= 4; i++) {
      if (Integer.parseInt(m.group(i)) > 255) {
        return false;
      }
    }
    return true;
  }
}
