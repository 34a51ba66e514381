package dev.rolekeeper.install;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service file template from the jar ({@code systemd/…}, {@code launchd/…}) with {@code @NAME@}
 * placeholders.
 *
 * <p>Values are inserted as given: escaping for the target format is the caller's job. Every
 * placeholder in the template must be given a value, and every value must have a placeholder, so a
 * template and its renderer cannot silently drift apart.
 */
final class ServiceTemplate {

  private static final Pattern PLACEHOLDER = Pattern.compile("@([A-Z_]+)@");

  private final String resource;
  private final String text;

  private ServiceTemplate(String resource, String text) {
    this.resource = resource;
    this.text = text;
  }

  /** Loads a template from the classpath, e.g. {@code systemd/rolekeeper.service}. */
  static ServiceTemplate load(String resource) {
    try (InputStream in = ServiceTemplate.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "the rolekeeper jar lacks its service template " + resource);
      }
      return new ServiceTemplate(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read service template " + resource, e);
    }
  }

  /** The template with every placeholder replaced. */
  String render(Map<String, String> values) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    Set<String> unused = new HashSet<>(values.keySet());
    while (matcher.find()) {
      String name = matcher.group(1);
      String value = values.get(name);
      if (value == null) {
        throw new IllegalStateException(
            "service template " + resource + " has no value for @" + name + "@");
      }
      unused.remove(name);
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    if (!unused.isEmpty()) {
      throw new IllegalStateException(
          "service template " + resource + " has no placeholder for " + unused);
    }
    return matcher.appendTail(out).toString();
  }
}
