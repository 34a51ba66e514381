package dev.rolekeeper.doctor;

import dev.rolekeeper.paths.UserPaths;
import dev.rolekeeper.paths.UserPaths.AwsFiles;
import dev.rolekeeper.profiles.AwsProfiles;
import dev.rolekeeper.profiles.ProfileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What in an environment would win over the container credential endpoint in the SDKs' default
 * chains: environment keys, a named profile, web identity, the relative container URI, a {@code
 * [default]} profile with credentials. Shared by {@code rolekeeper env} (as warnings) and {@code
 * rolekeeper doctor}.
 */
public final class SdkChainShadows {

  private SdkChainShadows() {}

  /** One sentence per finding, each saying what to do; empty when nothing shadows the endpoint. */
  public static List<String> find(Map<String, String> environment) {
    List<String> found = new ArrayList<>();
    for (String name : List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN")) {
      if (set(environment, name)) {
        found.add(
            name + " is set: SDKs use environment keys before the container endpoint; unset it");
      }
    }
    for (String name : List.of("AWS_PROFILE", "AWS_DEFAULT_PROFILE")) {
      if (set(environment, name)) {
        found.add(name + " is set: SDKs use that profile before the container endpoint; unset it");
      }
    }
    if (set(environment, "AWS_WEB_IDENTITY_TOKEN_FILE")) {
      found.add(
          "AWS_WEB_IDENTITY_TOKEN_FILE is set: SDKs use web identity before the container endpoint");
    }
    if (set(environment, "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")) {
      found.add(
          "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI is set: several SDKs prefer it to the full URI; unset it");
    }
    defaultProfile(environment).ifPresent(found::add);
    return found;
  }

  private static Optional<String> defaultProfile(Map<String, String> environment) {
    AwsFiles files = UserPaths.of(environment).awsFiles();
    AwsProfiles profiles;
    try {
      profiles = AwsProfiles.load(files);
    } catch (ProfileException e) {
      return Optional.of(
          "the AWS files could not be read to check for a [default] profile: " + e.getMessage());
    }
    if (!profiles.names().contains("default")) {
      return Optional.empty();
    }
    try {
      profiles.resolve("default");
      return Optional.of(
          "the [default] profile in "
              + files.configFile()
              + " or "
              + files.credentialsFile()
              + " has credentials (keys, a login_session, a process, ...): SDKs use it before the container endpoint; move them to a named profile");
    } catch (ProfileException e) {
      // A [default] without usable credentials (say, only a region) is skipped by the SDKs' chains.
      return Optional.empty();
    }
  }

  private static boolean set(Map<String, String> environment, String name) {
    String value = environment.get(name);
    return value != null && !value.isBlank();
  }
}
