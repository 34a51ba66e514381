package dev.rolekeeper.session;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.profiles.ProfileException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.HttpCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code credential_source = Ec2InstanceMetadata} or {@code EcsContainer}: the keys of the machine
 * or container the daemon runs on, fetched by the AWS SDK for Java v2's own providers (IMDSv2 with
 * its token, the container endpoint with its authorization token), as the SDKs would. {@link
 * #load()} blocks on HTTP, so it runs on a worker.
 *
 * <p>The instance metadata endpoint comes from the daemon's environment ({@code
 * AWS_EC2_METADATA_SERVICE_ENDPOINT}) when set there, else from the SDK's own settings; the
 * container endpoint and its token from the SDK's settings (its system properties, then the process
 * environment), which is the only way that provider reads them.
 *
 * @param name {@code Ec2InstanceMetadata} or {@code EcsContainer}
 * @param profile the profile that names it
 * @param imdsEndpoint the instance metadata endpoint from the daemon's environment, or null for the
 *     SDK's choice
 */
public record MetadataSource(String name, String profile, String imdsEndpoint)
    implements KeySource {

  static final String EC2 = "Ec2InstanceMetadata";
  static final String ECS = "EcsContainer";

  /**
   * The source for {@code name}, refused when it cannot work: metadata turned off, no container
   * endpoint set, or an endpoint that is this daemon itself (what the SDKs would then ask is
   * rolekeeper, for credentials it is still trying to get).
   *
   * @param ownPorts the loopback ports this daemon listens on
   */
  static MetadataSource of(
      String name, String profile, Map<String, String> env, Set<Integer> ownPorts)
      throws ProfileException {
    String prefix = "profile " + profile + ": credential_source = " + name;
    if (EC2.equals(name)) {
      if ("true".equalsIgnoreCase(setting(env, SdkSystemSetting.AWS_EC2_METADATA_DISABLED))) {
        throw new ProfileException(
            prefix + ", but AWS_EC2_METADATA_DISABLED is set in rolekeeper's environment");
      }
      String fromEnv =
          env.get(SdkSystemSetting.AWS_EC2_METADATA_SERVICE_ENDPOINT.environmentVariable());
      refuseOwn(prefix, setting(env, SdkSystemSetting.AWS_EC2_METADATA_SERVICE_ENDPOINT), ownPorts);
      return new MetadataSource(
          name, profile, fromEnv == null || fromEnv.isBlank() ? null : fromEnv);
    }
    Optional<String> full = SdkSystemSetting.AWS_CONTAINER_CREDENTIALS_FULL_URI.getStringValue();
    Optional<String> relative =
        SdkSystemSetting.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI.getStringValue();
    if (full.isEmpty() && relative.isEmpty()) {
      throw new ProfileException(
          prefix
              + ", but neither AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor"
              + " AWS_CONTAINER_CREDENTIALS_FULL_URI is set in rolekeeper's environment");
    }
    if (relative.isEmpty()) {
      refuseOwn(prefix, full.get(), ownPorts);
    }
    return new MetadataSource(name, profile, null);
  }

  /** The daemon's environment first (what the planner was given), then the SDK's settings. */
  private static String setting(Map<String, String> env, SdkSystemSetting setting) {
    String value = env.get(setting.environmentVariable());
    return value != null ? value : setting.getStringValue().orElse(null);
  }

  private static void refuseOwn(String prefix, String endpoint, Set<Integer> ownPorts)
      throws ProfileException {
    if (endpoint == null || ownPorts.isEmpty()) {
      return;
    }
    URI uri;
    try {
      uri = URI.create(endpoint.strip());
    } catch (IllegalArgumentException e) {
      return; // the SDK says what is wrong with it, at the first refresh
    }
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    int port = uri.getPort() >= 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
    if (loopback && ownPorts.contains(port)) {
      throw new ProfileException(
          prefix
              + ", but its endpoint "
              + endpoint.strip()
              + " is rolekeeper itself (port "
              + port
              + "): a loop. Unset the variable in rolekeeper's environment (a shell that ran"
              + " `rolekeeper env` sets it), or use source_profile");
    }
  }

  @Override
  public AwsCredentials load() throws SourceException {
    try (HttpCredentialsProvider provider = provider()) {
      software.amazon.awssdk.auth.credentials.AwsCredentials keys = provider.resolveCredentials();
      String account = keys.accountId().orElse(null);
      if (keys instanceof AwsSessionCredentials session) {
        return new AwsCredentials(
            session.accessKeyId(),
            session.secretAccessKey(),
            session.sessionToken(),
            session.expirationTime().orElse(null),
            account);
      }
      return new AwsCredentials(keys.accessKeyId(), keys.secretAccessKey(), null, null, account);
    } catch (SdkException | IllegalArgumentException e) {
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      int newline = message.indexOf('\n');
      throw new SourceException(
          "credential_source = "
              + name
              + " of profile "
              + profile
              + ": "
              + (newline < 0 ? message : message.substring(0, newline)));
    }
  }

  private HttpCredentialsProvider provider() {
    if (EC2.equals(name)) {
      InstanceProfileCredentialsProvider.Builder builder =
          InstanceProfileCredentialsProvider.builder().asyncCredentialUpdateEnabled(false);
      if (imdsEndpoint != null) {
        builder.endpoint(imdsEndpoint);
      }
      return builder.build();
    }
    return ContainerCredentialsProvider.builder().asyncCredentialUpdateEnabled(false).build();
  }

  @Override
  public String describe() {
    return EC2.equals(name)
        ? "the instance's role credentials (EC2 instance metadata"
            + (imdsEndpoint == null ? "" : " at " + imdsEndpoint)
            + ")"
        : "the container's credentials (the container credentials endpoint)";
  }

  @Override
  public String identity() {
    return "metadata:" + name;
  }

  @Override
  public boolean temporary() {
    return true;
  }
}
