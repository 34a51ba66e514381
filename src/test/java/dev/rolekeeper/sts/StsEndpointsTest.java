package dev.rolekeeper.sts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolekeeper.profiles.EndpointSettings;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The rules of {@link StsEndpoints}; the differential test compares them with the SDKs. */
class StsEndpointsTest {

  private static final String ROLE = "arn:aws:iam::111122223333:role/dev";

  private static EndpointSettings profile(
      String region, String endpointUrl, String stsUrl, Boolean fips, Boolean ignore) {
    return new EndpointSettings(
        "dev",
        region,
        new EndpointSettings.Urls(
            endpointUrl, stsUrl == null ? Map.of() : Map.of("sts", stsUrl), ignore),
        fips,
        null,
        null);
  }

  private static StsTarget resolve(Map<String, String> env, EndpointSettings profile) {
    return new StsEndpoints(env, Optional.empty(), Optional.empty()).resolve(profile, ROLE);
  }

  @Test
  void profileRegionOnly_regionalEndpoint_fromTheProfile() {
    StsTarget target = resolve(Map.of(), profile("eu-west-1", null, null, null, null));

    assertThat(target.endpoint()).hasToString("https://sts.eu-west-1.amazonaws.com");
    assertThat(target.region()).isEqualTo("eu-west-1");
    assertThat(target.regionFrom()).isEqualTo("profile dev");
    assertThat(target.describe())
        .isEqualTo("https://sts.eu-west-1.amazonaws.com (AWS), region eu-west-1 (profile dev)");
  }

  @Test
  void awsRegionThenAwsDefaultRegion_winOverTheProfile() {
    EndpointSettings dev = profile("eu-west-1", null, null, null, null);

    assertThat(resolve(Map.of("AWS_DEFAULT_REGION", "ca-central-1"), dev).region())
        .isEqualTo("ca-central-1");
    assertThat(
            resolve(Map.of("AWS_REGION", "us-west-2", "AWS_DEFAULT_REGION", "ca-central-1"), dev)
                .regionFrom())
        .isEqualTo("AWS_REGION");
  }

  @Test
  void noRegionAnywhere_partitionOfTheRole() {
    EndpointSettings none = profile(null, null, null, null, null);
    StsEndpoints endpoints = new StsEndpoints(Map.of(), Optional.empty(), Optional.empty());

    StsTarget aws = endpoints.resolve(none, ROLE);
    StsTarget china = endpoints.resolve(none, "arn:aws-cn:iam::111122223333:role/cn");
    StsTarget gov = endpoints.resolve(none, "arn:aws-us-gov:iam::111122223333:role/gov");

    assertThat(aws.endpoint()).hasToString("https://sts.amazonaws.com");
    assertThat(aws.region()).isEqualTo("us-east-1");
    assertThat(china.endpoint()).hasToString("https://sts.cn-north-1.amazonaws.com.cn");
    assertThat(china.region()).isEqualTo("cn-north-1");
    assertThat(gov.endpoint()).hasToString("https://sts.us-gov-west-1.amazonaws.com");
    assertThat(gov.profileRegion()).isEqualTo("us-gov-west-1");
  }

  @Test
  void settingsRegion_onlyWhenNeitherEnvironmentNorProfileNamesOne() {
    StsEndpoints endpoints =
        new StsEndpoints(Map.of(), Optional.empty(), Optional.of("ap-south-1"));

    assertThat(endpoints.resolve(profile(null, null, null, null, null), ROLE).regionFrom())
        .isEqualTo("settings region");
    assertThat(endpoints.resolve(profile("eu-west-1", null, null, null, null), ROLE).region())
        .isEqualTo("eu-west-1");
  }

  @Test
  void configuredEndpoints_botocoresOrder() {
    EndpointSettings both =
        profile("eu-west-2", "http://global.local:1", "http://sts.local:2", null, null);

    assertThat(resolve(Map.of(), both).endpoint()).hasToString("http://sts.local:2");
    assertThat(resolve(Map.of("AWS_ENDPOINT_URL", "http://env.local:3"), both).endpoint())
        .hasToString("http://env.local:3");
    assertThat(
            resolve(
                    Map.of(
                        "AWS_ENDPOINT_URL", "http://env.local:3",
                        "AWS_ENDPOINT_URL_STS", "http://env-sts.local:4"),
                    both)
                .endpointFrom())
        .isEqualTo("AWS_ENDPOINT_URL_STS");
    assertThat(
            resolve(Map.of(), profile("eu-west-2", "http://global.local:1", null, null, null))
                .endpointFrom())
        .isEqualTo("profile dev endpoint_url");
  }

  @Test
  void ignoreConfiguredEndpointUrls_profileOrEnvironment_awsEndpointInstead() {
    EndpointSettings ignoring = profile("eu-west-3", "http://localhost:4566", null, null, true);

    assertThat(resolve(Map.of("AWS_ENDPOINT_URL_STS", "http://x:1"), ignoring).endpoint())
        .hasToString("https://sts.eu-west-3.amazonaws.com");
    assertThat(
            resolve(
                    Map.of("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
                    profile("eu-west-3", "http://localhost:4566", null, null, null))
                .endpoint())
        .hasToString("https://sts.eu-west-3.amazonaws.com");
  }

  @Test
  void fipsDualstackAndLegacy_bySdkRules_environmentWinsOverProfile() {
    assertThat(resolve(Map.of(), profile("us-west-2", null, null, true, null)).endpoint())
        .hasToString("https://sts-fips.us-west-2.amazonaws.com");
    assertThat(
            resolve(
                    Map.of("AWS_USE_FIPS_ENDPOINT", "false"),
                    profile("us-east-1", null, null, true, null))
                .endpoint())
        .hasToString("https://sts.us-east-1.amazonaws.com");
    assertThat(
            resolve(
                    Map.of("AWS_USE_DUALSTACK_ENDPOINT", "true"),
                    profile("eu-west-1", null, null, null, null))
                .endpoint())
        .hasToString("https://sts.eu-west-1.api.aws");
    StsTarget legacy =
        resolve(
            Map.of("AWS_STS_REGIONAL_ENDPOINTS", "legacy"),
            profile("eu-west-1", null, null, null, null));
    assertThat(legacy.endpoint()).hasToString("https://sts.amazonaws.com");
    assertThat(legacy.region()).isEqualTo("us-east-1");
    assertThat(legacy.profileRegion()).isEqualTo("eu-west-1");
    assertThat(legacy.describe()).endsWith(", signed for us-east-1");
  }

  @Test
  void settingsEndpoint_winsOverEverything() {
    StsEndpoints endpoints =
        new StsEndpoints(
            Map.of("AWS_ENDPOINT_URL_STS", "http://env:1"),
            Optional.of(URI.create("http://127.0.0.1:9")),
            Optional.empty());

    StsTarget target =
        endpoints.resolve(profile("eu-west-1", "http://p:2", "http://s:3", true, null), ROLE);

    assertThat(target.endpoint()).hasToString("http://127.0.0.1:9");
    assertThat(target.endpointFrom()).isEqualTo("settings sts.endpoint");
  }

  @Test
  void malformedConfiguredEndpoint_refusedWithWhereItCameFrom() {
    assertThatThrownBy(
            () -> resolve(Map.of(), profile("eu-west-1", "localhost:4566", null, null, null)))
        .hasMessageContaining("profile dev endpoint_url")
        .hasMessageContaining("not an http(s) URL");
    assertThatThrownBy(
            () ->
                resolve(
                    Map.of("AWS_USE_FIPS_ENDPOINT", "yes"),
                    profile("eu-west-1", null, null, null, null)))
        .hasMessageContaining("AWS_USE_FIPS_ENDPOINT");
    assertThatThrownBy(
            () ->
                resolve(
                    Map.of("AWS_STS_REGIONAL_ENDPOINTS", "global"),
                    profile("eu-west-1", null, null, null, null)))
        .hasMessageContaining("AWS_STS_REGIONAL_ENDPOINTS");
  }
}
