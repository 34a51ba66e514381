package dev.rolekeeper.cli;

import java.util.Map;

/**
 * How CLI commands talk to the running daemon's control routes (loopback, control token). JSON
 * travels as the plain maps and lists of {@link ControlJson}.
 */
public interface DaemonClient {

  /** The daemon's status: sessions, sign-ins, MFA prompts waiting (no secret in it). */
  String STATUS_PATH = "/control/status";

  /**
   * POSTs {@code body} as JSON to {@code path} (e.g. {@code /control/mfa}) with the control token.
   *
   * @return the JSON object of a 2xx response
   * @throws DaemonException when the daemon is unreachable or answers non-2xx (its JSON {@code
   *     message} becomes the exception message)
   */
  Map<String, Object> post(String path, Map<String, ?> body);

  /**
   * GETs {@code path} (e.g. {@code /control/status}) with the control token.
   *
   * @return the JSON object of a 2xx response
   * @throws DaemonException as {@link #post}
   */
  Map<String, Object> get(String path);

  /** The daemon could not be reached or refused the request. Messages never hold secrets. */
  final class DaemonException extends RuntimeException {
    private final int status;
    private final String code;

    /**
     * @param status the HTTP status, or 0 when the daemon was not reached
     */
    public DaemonException(int status, String message) {
      this(status, null, message);
    }

    /**
     * @param code the error JSON's {@code code} (e.g. {@code NoLoginSession}), or null
     */
    public DaemonException(int status, String code, String message) {
      super(message);
      this.status = status;
      this.code = code;
    }

    public int status() {
      return status;
    }

    /** The daemon's error code, or null when it sent none (or was not reached). */
    public String code() {
      return code;
    }
  }
}
