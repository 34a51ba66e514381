package dev.rolekeeper.profiles;

/**
 * A problem with the AWS config or credentials file, or with a profile in them.
 *
 * <p>The message always says which file (and line, or profile and key) is wrong and never contains
 * a secret value: property values are only quoted for keys that are not secret, such as {@code
 * role_arn}.
 */
public final class ProfileException extends Exception {

  public ProfileException(String message) {
    super(message);
  }

  public ProfileException(String message, Throwable cause) {
    super(message, cause);
  }
}
