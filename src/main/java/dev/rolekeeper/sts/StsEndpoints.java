package dev.rolekeeper.sts;

import dev.rolekeeper.profiles.EndpointSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.endpoints.AwsEndpointAttribute;
import software.amazon.awssdk.awscore.endpoints.authscheme.EndpointAuthScheme;
import software.amazon.awssdk.awscore.endpoints.authscheme.SigV4AuthScheme;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.endpoints.StsEndpointParams;
import software.amazon.awssdk.services.sts.endpoints.StsEndpointProvider;

/**
 * Chooses the STS endpoint and signing region of one profile's calls, the way the AWS SDKs resolve
 * a client made for that profile (README, "AWS profiles"); and, for other services' clients (AWS
 * Sign-In), the endpoint URL a profile configures ({@link #configuredUrl}), by the same rules.
 * Pure: it reads only what it is given.
 *
 * <p>Endpoint: rolekeeper's {@code sts.endpoint}; unless {@code ignore_configured_endpoint_urls}
 * (environment first, then the profile) is true: {@code AWS_ENDPOINT_URL_STS}, {@code
 * AWS_ENDPOINT_URL}, the profile's {@code [services]} {@code sts} {@code endpoint_url}, the
 * profile's {@code endpoint_url} (botocore's order); else AWS's endpoint for the region by the
 * SDK's rules, with FIPS, dual-stack and {@code sts_regional_endpoints} (environment first, then
 * the profile; {@code regional} by default, as the Java SDK, the AWS CLI v2 and current botocore).
 *
 * <p>Region: {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, the profile's {@code region},
 * rolekeeper's {@code region}; with none, the partition of the role ARN: {@code aws-cn} signs in
 * cn-north-1, {@code aws-us-gov} in us-gov-west-1, and {@code aws} goes to the global endpoint
 * (us-east-1) as both SDKs do. Only the given profile's own settings count: {@code [default]} does
 * not leak into others; environment variables apply to every profile, as in the SDKs.
 */
public final class StsEndpoints {

  private final Map<String, String> env;
  private final Optional<URI> override;
  private final Optional<String> settingsRegion;

  /**
   * @param env the daemon's environment
   * @param override rolekeeper's {@code sts.endpoint}, which wins over everything
   * @param settingsRegion rolekeeper's {@code region}, used when neither the environment nor the
   *     profile names one
   */
  public StsEndpoints(
      Map<String, String> env, Optional<URI> override, Optional<String> settingsRegion) {
    this.env = Map.copyOf(env);
    this.override = override;
    this.settingsRegion = settingsRegion;
  }

  /**
   * @param profile the settings of the profile that makes the call
   * @param roleArn the role assumed (its partition is the last resort for the region), or null
   * @throws IllegalArgumentException when a configured endpoint is not an http(s) URL or a flag in
   *     the environment is not true/false
   */
  public StsTarget resolve(EndpointSettings profile, String roleArn) {
    String where = "profile " + profile.profile();
    String region = null;
    String regionFrom = null;
    for (String variable : List.of("AWS_REGION", "AWS_DEFAULT_REGION")) {
      if (region == null && set(variable) != null) {
        region = set(variable);
        regionFrom = variable;
      }
    }
    if (region == null && profile.region() != null) {
      region = profile.region();
      regionFrom = where;
    }
    if (region == null && settingsRegion.isPresent()) {
      region = settingsRegion.get();
      regionFrom = "settings region";
    }
    boolean fallback = region == null;
    if (fallback) {
      String partition = partitionOf(roleArn);
      region =
          switch (partition) {
            case "aws-cn" -> "cn-north-1";
            case "aws-us-gov" -> "us-gov-west-1";
            default -> "us-east-1";
          };
      regionFrom = "no region set; partition " + partition;
    }
    if (override.isPresent()) {
      return new StsTarget(override.get(), region, region, "settings sts.endpoint", regionFrom);
    }
    Optional<Configured> configured = configuredUrl(profile, "sts");
    if (configured.isPresent()) {
      return new StsTarget(
          configured.get().url(), region, region, configured.get().from(), regionFrom);
    }
    boolean fips = flag("AWS_USE_FIPS_ENDPOINT", profile.useFips());
    boolean dualstack = flag("AWS_USE_DUALSTACK_ENDPOINT", profile.useDualstack());
    String regional =
        Optional.ofNullable(set("AWS_STS_REGIONAL_ENDPOINTS"))
            .orElse(Optional.ofNullable(profile.stsRegionalEndpoints()).orElse("regional"));
    if (!regional.equals("regional") && !regional.equals("legacy")) {
      throw new IllegalArgumentException(
          "environment variable AWS_STS_REGIONAL_ENDPOINTS: '"
              + regional
              + "' must be regional or legacy");
    }
    // With no region at all, both SDKs call the global endpoint (botocore: region aws-global).
    boolean noRegion = fallback && "us-east-1".equals(region);
    return awsEndpoint(
        noRegion ? "aws-global" : region,
        region,
        fips,
        dualstack,
        noRegion || "legacy".equals(regional),
        "AWS",
        regionFrom);
  }

  /**
   * An endpoint URL configured for a profile's calls, and what configured it.
   *
   * @param url an http(s) URL
   * @param from the variable or profile setting it came from, for {@code status} and errors
   */
  public record Configured(URI url, String from) {}

  /**
   * The endpoint URL the environment or {@code profile}'s own settings configure for {@code
   * service}, in the SDKs' order (botocore's, and the Java SDK's {@code
   * AwsClientEndpointProvider}): {@code AWS_ENDPOINT_URL_<SERVICE>}, {@code AWS_ENDPOINT_URL}, the
   * profile's {@code [services]} entry for the service, the profile's {@code endpoint_url}; empty
   * when none does, or when {@code ignore_configured_endpoint_urls} (environment first, then the
   * profile) is true. rolekeeper's {@code sts.endpoint} is not among them: it is STS's alone.
   *
   * @param service the service's key in a services section and its variable's suffix, lower case:
   *     {@code sts}, {@code signin}
   * @throws IllegalArgumentException when the URL found is not http(s), or the flag in the
   *     environment is not true/false
   */
  public Optional<Configured> configuredUrl(EndpointSettings profile, String service) {
    if (flag("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", profile.urls().ignored())) {
      return Optional.empty();
    }
    String where = "profile " + profile.profile();
    String variable = "AWS_ENDPOINT_URL_" + service.toUpperCase(Locale.ROOT);
    String[][] sources = {
      {set(variable), variable},
      {set("AWS_ENDPOINT_URL"), "AWS_ENDPOINT_URL"},
      {profile.urls().service(service), where + " services " + service + " endpoint_url"},
      {profile.urls().endpointUrl(), where + " endpoint_url"},
    };
    for (String[] source : sources) {
      if (source[0] != null) {
        return Optional.of(new Configured(url(source[0], source[1]), source[1]));
      }
    }
    return Optional.empty();
  }

  /**
   * AWS's own endpoint by the SDK's endpoint rules, and the region its auth scheme signs in.
   *
   * @param region the region given to the rules ({@code aws-global} for the global endpoint)
   * @param profileRegion the profile's region
   */
  static StsTarget awsEndpoint(
      String region,
      String profileRegion,
      boolean fips,
      boolean dualstack,
      boolean global,
      String endpointFrom,
      String regionFrom) {
    Endpoint endpoint =
        StsEndpointProvider.defaultProvider()
            .resolveEndpoint(
                StsEndpointParams.builder()
                    .region(Region.of(region))
                    .useFips(fips)
                    .useDualStack(dualstack)
                    .useGlobalEndpoint(global)
                    .build())
            .join();
    String signing = region;
    List<EndpointAuthScheme> schemes = endpoint.attribute(AwsEndpointAttribute.AUTH_SCHEMES);
    if (schemes != null) {
      for (EndpointAuthScheme scheme : schemes) {
        if (scheme instanceof SigV4AuthScheme sigV4 && sigV4.signingRegion() != null) {
          signing = sigV4.signingRegion();
        }
      }
    }
    return new StsTarget(endpoint.url(), signing, profileRegion, endpointFrom, regionFrom);
  }

  /** The partition of an ARN ({@code aws}, {@code aws-cn}, ...); {@code aws} when there is none. */
  static String partitionOf(String arn) {
    if (arn == null) {
      return "aws";
    }
    String[] parts = arn.split(":", 3);
    return parts.length == 3 && parts[0].equals("arn") && !parts[1].isEmpty() ? parts[1] : "aws";
  }

  private boolean flag(String variable, Boolean profileValue) {
    String value = set(variable);
    if (value != null) {
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default ->
            throw new IllegalArgumentException(
                "environment variable " + variable + ": '" + value + "' must be true or false");
      };
    }
    return Boolean.TRUE.equals(profileValue);
  }

  private String set(String variable) {
    String value = env.get(variable);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static URI url(String text, String from) {
    try {
      URI uri = new URI(text);
      if (uri.getHost() == null
          || !("http".equalsIgnoreCase(uri.getScheme())
              || "https".equalsIgnoreCase(uri.getScheme()))) {
        throw new URISyntaxException(text, "not an http(s) URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(from + ": '" + text + "' is not an http(s) URL");
    }
  }
}
