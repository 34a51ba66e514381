package dev.rolekeeper.profiles;

import dev.rolekeeper.paths.UserPaths.AwsFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Test files: corpus resources, and files written byte-exact (CRLF, BOM) where git could mangle a
 * resource.
 */
final class ProfileFixtures {

  private ProfileFixtures() {}

  static Path resource(String name) {
    try {
      return Path.of(ProfileFixtures.class.getResource("/profiles/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path write(Path dir, String name, String content) {
    try {
      Path file = dir.resolve(name);
      Files.write(file, content.getBytes(StandardCharsets.UTF_8));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads a config text and a credentials text written into {@code dir}. */
  static AwsProfiles load(Path dir, String config, String credentials) throws ProfileException {
    return AwsProfiles.load(
        new AwsFiles(write(dir, "config", config), write(dir, "credentials", credentials)));
  }

  static AwsProfiles loadConfig(Path dir, String config) throws ProfileException {
    return AwsProfiles.load(
        new AwsFiles(write(dir, "config", config), dir.resolve("no-credentials")));
  }

  static AwsProfiles loadCredentials(Path dir, String credentials) throws ProfileException {
    return AwsProfiles.load(
        new AwsFiles(dir.resolve("no-config"), write(dir, "credentials", credentials)));
  }

  static AwsProfiles loadCorpus() throws ProfileException {
    return AwsProfiles.load(new AwsFiles(resource("messy-config"), resource("messy-credentials")));
  }
}
