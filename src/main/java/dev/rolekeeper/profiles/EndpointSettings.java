package dev.rolekeeper.profiles;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The settings of one profile that choose where its AWS calls go (STS, and AWS Sign-In for a
 * console sign-in session), as written in the files; nothing from another profile ({@code
 * [default]} included) is mixed in. Values are {@code null} when the profile does not set them.
 * Environment variables and rolekeeper's own settings are applied on top by the caller ({@code
 * sts.StsEndpoints}).
 *
 * @param profile the profile name
 * @param region {@code region}
 * @param urls the endpoint URLs it configures
 * @param useFips {@code use_fips_endpoint}
 * @param useDualstack {@code use_dualstack_endpoint}
 * @param stsRegionalEndpoints {@code sts_regional_endpoints}: {@code regional} or {@code legacy}
 */
public record EndpointSettings(
    String profile,
    String region,
    Urls urls,
    Boolean useFips,
    Boolean useDualstack,
    String stsRegionalEndpoints) {

  /**
   * The endpoint URLs a profile configures, and whether they are to be ignored.
   *
   * @param endpointUrl {@code endpoint_url}
   * @param services the {@code endpoint_url} under each service key ({@code sts =}, {@code signin
   *     =}) of the profile's {@code [services NAME]} section, by that key; never null
   * @param ignored {@code ignore_configured_endpoint_urls}, which turns all of them off
   */
  public record Urls(String endpointUrl, Map<String, String> services, Boolean ignored) {

    public Urls {
      services = Map.copyOf(services);
    }

    /** The services section's {@code endpoint_url} of {@code service} ({@code sts}), or null. */
    public String service(String service) {
      return services.get(service);
    }
  }

  /**
   * Reads them from a profile and the {@code [services]} sections of the config file.
   *
   * @throws ProfileException when the profile names a services section that does not exist (as
   *     botocore refuses it), or a value is not one the SDKs accept
   */
  static EndpointSettings of(RawProfile raw, Map<String, Map<String, String>> services)
      throws ProfileException {
    Map<String, String> urls = new LinkedHashMap<>();
    String section = raw.get(ProfileKeys.SERVICES).orElse(null);
    if (section != null) {
      Map<String, String> named = services.get(section);
      if (named == null) {
        throw new ProfileException(
            raw.where(ProfileKeys.SERVICES)
                + ": services '"
                + section
                + "' names no [services "
                + section
                + "] section in the config file");
      }
      named.forEach(
          (service, block) -> {
            String url = subProperty(block, "endpoint_url");
            if (url != null) {
              urls.put(service, url);
            }
          });
    }
    return new EndpointSettings(
        raw.name(),
        raw.get(ProfileKeys.REGION).orElse(null),
        new Urls(
            raw.get(ProfileKeys.ENDPOINT_URL).orElse(null),
            urls,
            flag(raw, ProfileKeys.IGNORE_CONFIGURED_ENDPOINT_URLS)),
        flag(raw, ProfileKeys.USE_FIPS_ENDPOINT),
        flag(raw, ProfileKeys.USE_DUALSTACK_ENDPOINT),
        RoleSettings.stsRegionalEndpoints(raw));
  }

  /** {@code true}/{@code false}, any case, as botocore and the Java SDK read them. */
  private static Boolean flag(RawProfile raw, String key) throws ProfileException {
    String value = raw.get(key).orElse(null);
    if (value == null) {
      return null;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default ->
          throw new ProfileException(
              raw.where(key) + ": " + key + " '" + value + "' must be true or false");
    };
  }

  /** The value of {@code name = value} among the indented lines of a property, or null. */
  private static String subProperty(String block, String name) {
    if (block == null) {
      return null;
    }
    String found = null;
    for (String line : block.split("\n")) {
      int equals = line.indexOf('=');
      if (equals > 0 && line.substring(0, equals).strip().equals(name)) {
        String value = line.substring(equals + 1).strip();
        found = value.isEmpty() ? null : value;
      }
    }
    return found;
  }
}
