package dev.rolekeeper.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Checks request parameters against the STS API constraints and words the violations the way STS
 * does: {@code "2 validation errors detected: Value 'x' at 'roleSessionName' failed to satisfy
 * constraint: Member must …; …"}. Not thread-safe; one instance per request.
 */
final class ParameterRules {

  private final Map<String, String> params;
  private final List<String> violations = new ArrayList<>();

  ParameterRules(Map<String, String> params) {
    this.params = params;
  }

  /** A string parameter: optional or required, length bounds, and a character-class pattern. */
  ParameterRules text(String name, boolean required, int min, int max, String pattern) {
    String value = params.get(name);
    if (value == null) {
      if (required) {
        violations.add(
            "Value null at '"
                + member(name)
                + "' failed to satisfy constraint: Member must not be null");
      }
      return this;
    }
    if (value.length() < min) {
      violate(name, value, "Member must have length greater than or equal to " + min);
    } else if (value.length() > max) {
      violate(name, value, "Member must have length less than or equal to " + max);
    }
    if (pattern != null && !Pattern.matches(pattern, value)) {
      violate(name, value, "Member must satisfy regular expression pattern: " + pattern);
    }
    return this;
  }

  /** An optional integer parameter within [min, max]. */
  ParameterRules integer(String name, int min, int max) {
    String value = params.get(name);
    if (value == null) {
      return this;
    }
    OptionalInt number = parse(value);
    if (number.isEmpty()) {
      violate(name, value, "Member must be an integer");
    } else if (number.getAsInt() < min) {
      violate(name, value, "Member must have value greater than or equal to " + min);
    } else if (number.getAsInt() > max) {
      violate(name, value, "Member must have value less than or equal to " + max);
    }
    return this;
  }

  /** The ValidationError for everything found so far, if anything was. */
  Optional<StsError> error() {
    if (violations.isEmpty()) {
      return Optional.empty();
    }
    int n = violations.size();
    return Optional.of(
        StsError.validation(
            n
                + " validation error"
                + (n == 1 ? "" : "s")
                + " detected: "
                + String.join("; ", violations)));
  }

  static OptionalInt parse(String value) {
    try {
      return OptionalInt.of(Integer.parseInt(value));
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }

  private void violate(String name, String value, String constraint) {
    // Never echo a secret-ish value back: TokenCode is an MFA code.
    String shown = "TokenCode".equals(name) ? "******" : value;
    violations.add(
        "Value '"
            + shown
            + "' at '"
            + member(name)
            + "' failed to satisfy constraint: "
            + constraint);
  }

  private static String member(String name) {
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }
}
