package dev.rolekeeper.session;

import dev.rolekeeper.credentials.AwsCredentials;

/**
 * Told about every successful refresh of a served profile (e.g. to keep a credentials-file section
 * in sync).
 */
@FunctionalInterface
public interface SessionListener {
  void refreshed(String profile, AwsCredentials credentials);
}
