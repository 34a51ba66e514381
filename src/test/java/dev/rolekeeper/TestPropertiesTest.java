package dev.rolekeeper;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestPropertiesTest {

  private static final String NAME = "rolekeeper.test-properties.probe";

  @Test
  void setTwice_thenRestore_leavesAnUnsetPropertyUnset() {
    TestProperties properties = new TestProperties();
    properties.set(NAME, "first");
    properties.set(NAME, "second");
    assertThat(System.getProperty(NAME)).isEqualTo("second");

    properties.restore();

    assertThat(System.getProperty(NAME)).isNull();
  }

  @Test
  void restore_putsBackWhatWasThereBefore() {
    System.setProperty(NAME, "theirs");
    try {
      TestProperties properties = new TestProperties();
      properties.set(NAME, "ours");
      properties.set(NAME, "ours again");

      properties.restore();

      assertThat(System.getProperty(NAME)).isEqualTo("theirs");
    } finally {
      System.clearProperty(NAME);
    }
  }
}
