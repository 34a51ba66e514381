package dev.rolekeeper.session;

import dev.rolekeeper.credentials.AwsCredentials;

/**
 * Where the keys at the root of a plan come from. {@link #load()} may block (a credential process
 * runs a command), so sessions call it on a worker thread.
 */
public sealed interface KeySource
    permits KeySource.Static, KeySource.Environment, ProcessKeySource, MetadataSource {

  /**
   * Loads the keys; throws {@link SourceException} with a message for a person, free of secrets.
   */
  AwsCredentials load() throws SourceException;

  /** A short description for {@code status}, e.g. "the keys of source profile dev". */
  String describe();

  /** Tells key sources apart: two profiles whose keys share an identity share one MFA session. */
  String identity();

  /**
   * Whether the keys are known, before loading them, to be temporary (they carry a session token):
   * STS then refuses GetSessionToken and grants AssumeRole at most 1 h.
   */
  default boolean temporary() {
    return false;
  }

  /**
   * Keys read from the AWS files.
   *
   * @param keys the keys
   * @param label where they were found, for {@code status}
   */
  record Static(AwsCredentials keys, String label) implements KeySource {
    @Override
    public AwsCredentials load() {
      return keys;
    }

    @Override
    public String describe() {
      String id = keys.accessKeyId();
      return label
          + " ("
          + id.substring(0, Math.min(4, id.length()))
          + "…"
          + id.substring(Math.max(0, id.length() - 4))
          + ")";
    }

    @Override
    public String identity() {
      return "keys:" + keys.accessKeyId();
    }

    @Override
    public boolean temporary() {
      return keys.isTemporary();
    }
  }

  /** {@code credential_source = Environment}: the daemon's own AWS_* variables. */
  record Environment(java.util.Map<String, String> env) implements KeySource {
    @Override
    public AwsCredentials load() throws SourceException {
      String id = env.get("AWS_ACCESS_KEY_ID");
      String secret = env.get("AWS_SECRET_ACCESS_KEY");
      if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
        throw new SourceException(
            "credential_source = Environment, but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
                + " are not both set in rolekeeper's environment");
      }
      String token = env.get("AWS_SESSION_TOKEN");
      return new AwsCredentials(
          id, secret, token == null || token.isBlank() ? null : token, null, null);
    }

    @Override
    public String describe() {
      return "keys from rolekeeper's environment";
    }

    @Override
    public String identity() {
      return "environment";
    }

    @Override
    public boolean temporary() {
      String token = env.get("AWS_SESSION_TOKEN");
      return token != null && !token.isBlank();
    }

    @Override
    public String toString() {
      return "Environment[]";
    }
  }

  /** Failure to load keys. */
  final class SourceException extends Exception {
    public SourceException(String message) {
      super(message);
    }
  }
}
