package dev.rolekeeper.mfa;

/**
 * A one-time MFA code: exactly six ASCII digits.
 *
 * <p>Holds a secret, so {@link #toString()} never shows it, and a malformed input is refused
 * without being echoed in the exception message.
 *
 * @param digits the six digits
 */
public record MfaCode(String digits) {

  public MfaCode {
    if (!isWellFormed(digits)) {
      throw new IllegalArgumentException("an MFA code must be exactly 6 digits (0-9)");
    }
  }

  /** Whether {@code text} is exactly six ASCII digits (no spaces, no other characters). */
  public static boolean isWellFormed(CharSequence text) {
    if (text == null || text.length() != 6) {
      return false;
    }
    for (int i = 0; i < 6; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "MfaCode[******]";
  }
}
