package dev.rolekeeper;

import java.util.HashMap;
import java.util.Map;

/**
 * System properties a test sets (the AWS SDK reads its container endpoint and token from them), put
 * back as they were before the first set once the test ends: restored, or cleared when they were
 * unset. Setting one twice keeps what it was before the first time.
 */
public final class TestProperties {

  private final Map<String, String> before = new HashMap<>();

  /** Sets {@code name} to {@code value}, remembering what it was the first time. */
  public void set(String name, String value) {
    if (!before.containsKey(name)) {
      before.put(name, System.getProperty(name));
    }
    System.setProperty(name, value);
  }

  /** Puts every property set since the last restore back as it was. */
  public void restore() {
    before.forEach(
        (name, value) -> {
          if (value == null) {
            System.clearProperty(name);
          } else {
            System.setProperty(name, value);
          }
        });
    before.clear();
  }
}
