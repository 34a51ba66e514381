package dev.rolekeeper.credfile;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A credentials file as exact bytes, cut into classified lines, without reformatting anything.
 *
 * <p>The bytes are held as an ISO-8859-1 string, which maps every byte to one char and back, so any
 * encoding (UTF-8, Latin-1, a BOM) survives splicing byte for byte.
 *
 * <p>Valid lines (the rules of Python's {@code configparser}, which the AWS CLI uses, narrowed to
 * what is safe to splice): blank; a comment (first non-blank character {@code #} or {@code ;},
 * indented or not); a section header {@code [name]}, optionally followed by blanks or a comment;
 * {@code key = value} or {@code key: value} inside a section; an indented continuation line after a
 * key in the same section. Anything else makes the whole file invalid, reported with its line
 * number and never its content (it may hold a secret).
 */
final class IniText {

  private static final String BOM = "\u00ef\u00bb\u00bf";

  private final String text;
  private final List<Line> lines;

  private IniText(String text, List<Line> lines) {
    this.text = text;
    this.lines = lines;
  }

  /** What a line is. */
  enum Kind {
    BLANK,
    COMMENT,
    HEADER,
    KEY,
    CONTINUATION
  }

  /**
   * One line.
   *
   * @param number 1-based line number
   * @param start offset of its first char
   * @param contentEnd offset just past its content (before {@code \r\n} or {@code \n})
   * @param end offset just past its line terminator ({@code == contentEnd} for a last line without
   *     one)
   * @param kind what it is
   * @param section the section it belongs to (its own name for a header), or {@code null} before
   *     the first header
   */
  record Line(int number, int start, int contentEnd, int end, Kind kind, String section) {}

  /**
   * Raised for a file that is not valid INI; the message names the file and line, never the line's
   * content.
   */
  static final class InvalidIniException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidIniException(String message) {
      super(message);
    }
  }

  static IniText parse(byte[] bytes, Path file) throws InvalidIniException {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    return new IniText(text, new Classifier(file).classify(text));
  }

  String text() {
    return text;
  }

  List<Line> lines() {
    return lines;
  }

  /**
   * {@code \r\n} if the file's first line terminator is one, else {@code \n} (also for a file
   * without any).
   */
  String lineEnding() {
    for (Line line : lines) {
      if (line.end() > line.contentEnd()) {
        return text.substring(line.contentEnd(), line.end());
      }
    }
    return "\n";
  }

  /** The header lines of every section with this name (normally zero or one). */
  List<Line> headersOf(String section) {
    String wanted = latin1(section);
    return lines.stream()
        .filter(l -> l.kind() == Kind.HEADER && l.section().equals(wanted))
        .toList();
  }

  /** The line after {@code line}, or {@code null} at the end. */
  Line next(Line line) {
    return line.number() < lines.size() ? lines.get(line.number()) : null;
  }

  /** The line before {@code line}, or {@code null} at the start. */
  Line previous(Line line) {
    return line.number() > 1 ? lines.get(line.number() - 2) : null;
  }

  String content(Line line) {
    return text.substring(line.start(), line.contentEnd());
  }

  /** A section name as it appears in this latin-1 view of UTF-8 bytes. */
  static String latin1(String s) {
    return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
  }

  /**
   * Cuts and classifies lines, keeping track of the current section and whether a key may be
   * continued.
   */
  private static final class Classifier {
    private final Path file;
    private final List<Line> lines = new ArrayList<>();
    private String section;
    private boolean inValue;

    Classifier(Path file) {
      this.file = file;
    }

    List<Line> classify(String text) throws InvalidIniException {
      int start = 0;
      int number = 1;
      while (start < text.length()) {
        int newline = text.indexOf('\n', start);
        int end = newline < 0 ? text.length() : newline + 1;
        boolean crlf = newline > start && text.charAt(newline - 1) == '\r';
        int contentEnd = newline < 0 ? end : (crlf ? newline - 1 : newline);
        String content = text.substring(start, contentEnd);
        if (number == 1 && content.startsWith(BOM)) {
          content = content.substring(BOM.length());
        }
        Kind kind = kindOf(content, number);
        lines.add(new Line(number, start, contentEnd, end, kind, section));
        start = end;
        number++;
      }
      return List.copyOf(lines);
    }

    private Kind kindOf(String content, int number) throws InvalidIniException {
      String stripped = content.strip();
      if (stripped.isEmpty()) {
        return Kind.BLANK;
      }
      if (stripped.startsWith("#") || stripped.startsWith(";")) {
        return Kind.COMMENT;
      }
      boolean indented = Character.isWhitespace(content.charAt(0));
      if (indented && inValue) {
        return Kind.CONTINUATION;
      }
      if (stripped.startsWith("[")) {
        section = headerName(stripped, number);
        inValue = false;
        return Kind.HEADER;
      }
      if (indented) {
        throw invalid(number, "an indented line that continues no key");
      }
      if (section == null) {
        throw invalid(number, "a key before the first [section] header");
      }
      int delimiter = firstDelimiter(stripped);
      if (delimiter <= 0 || stripped.substring(0, delimiter).isBlank()) {
        throw invalid(number, "neither a comment, a [section] header nor a 'key = value' line");
      }
      inValue = true;
      return Kind.KEY;
    }

    private String headerName(String stripped, int number) throws InvalidIniException {
      int close = stripped.indexOf(']');
      if (close < 0) {
        throw invalid(number, "a section header without a closing ']'");
      }
      String name = stripped.substring(1, close).strip();
      String rest = stripped.substring(close + 1).strip();
      if (name.isEmpty()) {
        throw invalid(number, "a section header with an empty name");
      }
      if (!rest.isEmpty() && !rest.startsWith("#") && !rest.startsWith(";")) {
        throw invalid(number, "text after a section header's ']'");
      }
      return name;
    }

    private static int firstDelimiter(String s) {
      int eq = s.indexOf('=');
      int colon = s.indexOf(':');
      if (eq < 0) {
        return colon;
      }
      return colon < 0 ? eq : Math.min(eq, colon);
    }

    private InvalidIniException invalid(int number, String what) {
      return new InvalidIniException(
          file
              + " is not a valid INI file: line "
              + number
              + " is "
              + what
              + "; rolekeeper leaves the file untouched until it is fixed");
    }
  }
}
