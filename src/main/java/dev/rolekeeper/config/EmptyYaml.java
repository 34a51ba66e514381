package dev.rolekeeper.config;

import java.util.regex.Pattern;

/**
 * Recognises, without a YAML parser, a settings file that holds no settings: nothing but blank
 * lines and comments (such as a file whose every line was commented out, or the demo's own).
 * Loading the parser costs every process some 150 classes, the daemon for as long as it runs.
 *
 * <p>It answers true only where the parser would read an empty document: lines of spaces, each
 * optionally followed by a comment of characters YAML allows. Anything else (a tab, a document
 * marker, a byte-order mark, a control character) is left to the parser and its errors.
 */
final class EmptyYaml {

  private static final Pattern NOTHING_LINE =
      Pattern.compile(" *(?:#[\\t\\x20-\\x7E\\x85\\xA0-\\uD7FF\\uE000-\\uFFFD]*)?\\r?");

  private EmptyYaml() {}

  /** True if {@code text} is a YAML document with no content: no settings, and not an error. */
  static boolean is(String text) {
    for (String line : text.split("\n", -1)) {
      if (!NOTHING_LINE.matcher(line).matches()) {
        return false;
      }
    }
    return true;
  }
}
