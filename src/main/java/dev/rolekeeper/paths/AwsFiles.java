package dev.rolekeeper.paths;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The AWS shared config and credentials files, as {@link UserPaths#awsFiles()} finds them (or a
 * test names them).
 *
 * @param configFile the shared config file ({@code ~/.aws/config}); it need not exist
 * @param credentialsFile the shared credentials file ({@code ~/.aws/credentials}); it need not
 *     exist
 */
public record AwsFiles(Path configFile, Path credentialsFile) {

  public AwsFiles {
    Objects.requireNonNull(configFile, "configFile");
    Objects.requireNonNull(credentialsFile, "credentialsFile");
  }
}
