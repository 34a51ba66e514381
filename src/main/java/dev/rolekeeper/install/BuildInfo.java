package dev.rolekeeper.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.Properties;

/**
 * What the build recorded about itself: the project version, the git commit it was built from and
 * when.
 *
 * <p>The build writes {@code build.properties} next to this class; a field it could not learn (no
 * git checkout, so no commit) reads {@value #UNKNOWN}.
 *
 * @param version the project version, e.g. {@code 0.1.0}; used as the name of the installed copy's
 *     directory
 * @param commit the abbreviated commit id, with {@code -dirty} when the work tree had changes, or
 *     {@value #UNKNOWN}
 * @param date the build time in UTC, ISO-8601, or {@value #UNKNOWN}
 */
public record BuildInfo(String version, String commit, String date) {

  /** The value of a field the build could not determine. */
  public static final String UNKNOWN = "unknown";

  public BuildInfo {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(date, "date");
  }

  /**
   * This build's information, or all-{@value #UNKNOWN} when the resource is missing (classes not
   * built by Maven).
   */
  public static BuildInfo current() {
    try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
      if (in == null) {
        return new BuildInfo(UNKNOWN, UNKNOWN, UNKNOWN);
      }
      Properties properties = new Properties();
      properties.load(in);
      return new BuildInfo(
          field(properties, "version"), field(properties, "commit"), field(properties, "date"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rolekeeper's build.properties", e);
    }
  }

  private static String field(Properties properties, String name) {
    String value = properties.getProperty(name, "").strip();
    return value.isEmpty() ? UNKNOWN : value;
  }
}
