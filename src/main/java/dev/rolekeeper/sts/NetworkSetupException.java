package dev.rolekeeper.sts;

/**
 * A proxy variable or CA bundle that cannot be used, so no call can be made with it. The message
 * names the variable or file and what is wrong, never a proxy's password.
 */
public final class NetworkSetupException extends RuntimeException {

  private final String code;

  NetworkSetupException(String code, String message) {
    super(message);
    this.code = code;
  }

  /** Bad CA bundle. */
  static NetworkSetupException caBundle(String message) {
    return new NetworkSetupException("CaBundle", message);
  }

  /** Bad proxy variable. */
  static NetworkSetupException proxy(String message) {
    return new NetworkSetupException("Proxy", message);
  }

  /** {@code CaBundle} or {@code Proxy}: the failure code a call reports. */
  public String code() {
    return code;
  }
}
