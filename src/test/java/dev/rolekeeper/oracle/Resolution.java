package dev.rolekeeper.oracle;

import java.util.List;

/**
 * Where one profile's STS calls go by one implementation: an endpoint URL, the signing region and
 * the source chain (role ARNs from the profile's own down, then {@code keys:AKID} or {@code
 * web_identity}); or the error that implementation gives instead.
 */
record Resolution(String endpoint, String region, List<String> chain, String error) {

  static Resolution failed(String error) {
    return new Resolution(null, null, null, error);
  }

  /** The fields in which {@code other} differs, named; empty when they agree. */
  List<String> differences(Resolution other) {
    if (error != null || other.error != null) {
      return (error == null) == (other.error == null) ? List.of() : List.of("error");
    }
    java.util.List<String> out = new java.util.ArrayList<>();
    if (!endpoint.equals(other.endpoint)) {
      out.add("endpoint");
    }
    if (!region.equals(other.region)) {
      out.add("region");
    }
    if (other.chain != null && !chain.equals(other.chain)) {
      out.add("chain");
    }
    return out;
  }

  @Override
  public String toString() {
    return error != null ? "error " + error : endpoint + " " + region + " " + chain;
  }
}
