package dev.rolekeeper.doctor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An HTTP proxy in the environment must be bypassed for 127.0.0.1, or SDKs send their credential
 * requests to the proxy (which cannot reach this machine's loopback, and would see the token).
 */
final class ProxyCheck implements Check {

  private static final List<String> PROXIES =
      List.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy");

  @Override
  public String name() {
    return "proxy";
  }

  @Override
  public CheckResult run(DoctorContext context) {
    List<String> set = new ArrayList<>();
    for (String name : PROXIES) {
      if (context.variable(name) != null) {
        set.add(name);
      }
    }
    if (set.isEmpty()) {
      return new CheckResult.Passed("no HTTP proxy set");
    }
    for (String name : List.of("NO_PROXY", "no_proxy")) {
      String value = context.variable(name);
      if (value != null && coversLoopback(value)) {
        return new CheckResult.Passed(
            String.join(", ", set) + " set, and " + name + " covers 127.0.0.1");
      }
    }
    return new CheckResult.NeedsFix(
        String.join(", ", set)
            + " set, but NO_PROXY does not cover 127.0.0.1: SDKs "
            + "would ask the proxy for credentials",
        "export NO_PROXY=127.0.0.1,localhost${NO_PROXY:+,$NO_PROXY} "
            + "no_proxy=127.0.0.1,localhost${no_proxy:+,$no_proxy}");
  }

  /**
   * {@code *}, {@code 127.0.0.1} (with or without a port) or a CIDR block holding it, as SDKs and
   * curl read it.
   */
  static boolean coversLoopback(String noProxy) {
    return Arrays.stream(noProxy.split(","))
        .map(String::trim)
        .anyMatch(
            entry ->
                entry.equals("*")
                    || entry.equals("127.0.0.1")
                    || entry.startsWith("127.0.0.1:")
                    || inCidr(entry));
  }

  private static boolean inCidr(String entry) {
    int slash = entry.indexOf('/');
    if (slash < 0) {
      return false;
    }
    try {
      String[] octets = entry.substring(0, slash).split("\\.");
      int bits = Integer.parseInt(entry.substring(slash + 1));
      if (octets.length != 4 || bits < 0 || bits > 32) {
        return false;
      }
      long network = 0;
      for (String octet : octets) {
        network = (network << 8) | Integer.parseInt(octet);
      }
      long loopback = 0x7F000001L;
      long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
      return (network & mask) == (loopback & mask);
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
