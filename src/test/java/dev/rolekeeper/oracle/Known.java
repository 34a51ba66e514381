package dev.rolekeeper.oracle;

import java.util.Map;

/**
 * The disagreements of {@link SdkOracleTest} that are rolekeeper's choice, each with why. "java" is
 * a client made for the profile; with no region at all it fails, where the Java SDK's own role
 * provider falls back to us-east-1 and https://sts.amazonaws.com, as rolekeeper does.
 */
final class Known {

  private static final String NO_REGION =
      "no region anywhere: the Java SDK's role provider (and botocore) use the global endpoint";
  private static final String PARTITION =
      "no region anywhere: rolekeeper uses the role ARN's partition; both SDKs send it to the"
          + " aws partition's global endpoint, which refuses the role";
  private static final String AWS_REGION =
      "botocore "
          + BotocoreSide.VERSION
          + " reads AWS_DEFAULT_REGION only; rolekeeper reads"
          + " AWS_REGION first, as the Java SDK and the AWS CLI v2";
  private static final String LEGACY =
      "the Java SDK has no sts_regional_endpoints; rolekeeper honours legacy as botocore does";

  static final Map<String, String> ALL =
      Map.ofEntries(
          Map.entry("02-no-region-aws/dev/java:error", NO_REGION),
          Map.entry("27-chain-default-region-does-not-leak/b/java:error", NO_REGION),
          Map.entry("39-region-only-in-default/dev/java:error", NO_REGION),
          Map.entry("52-docs-example/marketingadmin/java:error", NO_REGION),
          Map.entry("53-messy-parser-files/admin/java:error", NO_REGION),
          Map.entry("03-no-region-aws-cn/cn/botocore:endpoint,region", PARTITION),
          Map.entry("03-no-region-aws-cn/cn/java:error", PARTITION),
          Map.entry("04-no-region-aws-us-gov/gov/botocore:endpoint,region", PARTITION),
          Map.entry("04-no-region-aws-us-gov/gov/java:error", PARTITION),
          Map.entry("05-env-aws-region/dev/botocore:endpoint,region", AWS_REGION),
          Map.entry("07-env-both-regions/dev/botocore:endpoint,region", AWS_REGION),
          Map.entry(
              "06-env-default-region/dev/java:endpoint,region",
              "the Java SDK does not read AWS_DEFAULT_REGION; botocore and the AWS CLI do"),
          Map.entry("21-legacy-profile/dev/java:endpoint,region", LEGACY),
          Map.entry("22-legacy-env/dev/java:endpoint,region", LEGACY),
          Map.entry(
              "35-self-source-with-keys/self/java:chain",
              "a role whose source_profile is itself, with keys: the Java SDK calls it a cycle;"
                  + " rolekeeper uses the keys, as botocore and the AWS CLI"),
          Map.entry(
              "34-source-has-keys-and-role/dev/botocore:chain",
              "a source profile with keys and role_arn: botocore stops at its keys, rolekeeper"
                  + " assumes its role (its profile reading follows the Java SDK)"),
          Map.entry(
              "40-endpoint-without-region/dev/botocore:error",
              "an endpoint_url and no region: both SDKs refuse; rolekeeper signs for us-east-1"),
          Map.entry(
              "40-endpoint-without-region/dev/java:error",
              "an endpoint_url and no region: both SDKs refuse; rolekeeper signs for us-east-1"),
          Map.entry(
              "54-services-section-missing/dev/java:error",
              "services naming a missing section: the Java SDK ignores it; rolekeeper refuses the"
                  + " profile, as botocore does, rather than send its calls to AWS unasked"),
          Map.entry(
              "41-duplicate-sections-merge/dev/botocore:error",
              "a section twice: botocore refuses the file, rolekeeper merges as the Java SDK"),
          Map.entry(
              "53-messy-parser-files/admin/botocore:error",
              "botocore refuses the messy file (duplicate section); rolekeeper reads it as the"
                  + " Java SDK"),
          Map.entry(
              "47-endpoint-url-with-path/dev/java:endpoint",
              "the Java SDK sends STS requests to / whatever the endpoint_url's path; rolekeeper"
                  + " keeps the path, as botocore does"));

  private Known() {}
}
