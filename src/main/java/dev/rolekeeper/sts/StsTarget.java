package dev.rolekeeper.sts;

import java.net.URI;
import java.util.Objects;

/**
 * Where one profile's STS calls go and how they are signed, with where each was decided ({@link
 * StsEndpoints}), for {@code status}.
 *
 * @param endpoint the URL the calls are sent to, never null
 * @param region the signing region (us-east-1 for the global endpoint), never null
 * @param profileRegion the region the profile resolves to, which its SDK clients use ({@code
 *     rolekeeper env} exports it); differs from {@code region} at the global endpoint
 * @param endpointFrom what chose the endpoint, such as {@code AWS_ENDPOINT_URL_STS} or {@code
 *     profile dev endpoint_url}
 * @param regionFrom what chose the region, such as {@code AWS_REGION} or {@code profile dev}
 */
public record StsTarget(
    URI endpoint, String region, String profileRegion, String endpointFrom, String regionFrom) {

  public StsTarget {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(profileRegion, "profileRegion");
  }

  /**
   * AWS's regional endpoint of {@code region} (the SDK's rules), for callers with a region only.
   */
  public static StsTarget regional(String region) {
    return StsEndpoints.awsEndpoint(region, region, false, false, false, "AWS", "given");
  }

  /** One short line for {@code status}: the endpoint and the region, each with its origin. */
  public String describe() {
    return endpoint
        + " ("
        + endpointFrom
        + "), region "
        + profileRegion
        + " ("
        + regionFrom
        + ")"
        + (region.equals(profileRegion) ? "" : ", signed for " + region);
  }

  /** The {@code toString} tail of a call to this target made with {@code caBundle}. */
  String forLog(String caBundle) {
    return "sts=" + endpoint + ", region=" + region + ", caBundle=" + caBundle;
  }
}
