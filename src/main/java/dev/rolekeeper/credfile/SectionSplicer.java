package dev.rolekeeper.credfile;

import dev.rolekeeper.credfile.IniText.Kind;
import dev.rolekeeper.credfile.IniText.Line;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Replaces, adds or removes one managed section in an {@link IniText}, leaving every other byte as
 * it was.
 *
 * <p>The span of a managed section runs from the start of its header line to the end of its last
 * key or continuation line (the marker line if it has no keys), so comments and blank lines that
 * follow it, which usually introduce the next section, stay untouched. A new section is appended at
 * the end of the file. Whether the file ends with a line terminator is preserved by both adding and
 * removing, so writing a section and removing it again gives back the original bytes exactly.
 */
final class SectionSplicer {

  private SectionSplicer() {}

  /** The result of a splice. */
  sealed interface Splice {
    /** The file's new bytes. */
    record Changed(byte[] bytes) implements Splice {}

    /** Nothing to do. */
    record Unchanged() implements Splice {}

    /** The section may not be touched; the reason is free of secrets. */
    record Refused(String reason) implements Splice {}
  }

  /**
   * Puts {@code sectionLines} (header first, no terminators) in place of the managed section, or
   * appends them.
   */
  static Splice put(IniText ini, Path file, String section, List<String> sectionLines) {
    List<Line> headers = ini.headersOf(section);
    String eol = ini.lineEnding();
    String rendered = sectionLines.stream().map(IniText::latin1).collect(Collectors.joining(eol));
    String text = ini.text();
    if (headers.isEmpty()) {
      return changed(appended(text, rendered, eol));
    }
    String refusal = refusal(ini, file, section, headers);
    if (refusal != null) {
      return new Splice.Refused(refusal);
    }
    Line header = headers.get(0);
    Line last = lastLineOf(ini, header);
    return changed(
        text.substring(0, header.start()) + rendered + text.substring(last.contentEnd()));
  }

  /** Removes the managed section, if present. */
  static Splice remove(IniText ini, Path file, String section) {
    List<Line> headers = ini.headersOf(section);
    if (headers.isEmpty()) {
      return new Splice.Unchanged();
    }
    String refusal = refusal(ini, file, section, headers);
    if (refusal != null) {
      return new Splice.Refused(refusal);
    }
    Line header = headers.get(0);
    Line last = lastLineOf(ini, header);
    String text = ini.text();
    Line before = ini.previous(header);
    boolean lastInFileWithoutTerminator = last.end() == last.contentEnd();
    if (lastInFileWithoutTerminator && before != null) {
      // We added the terminator of the line before when appending; taking it back keeps "no final
      // newline".
      return changed(text.substring(0, before.contentEnd()));
    }
    return changed(text.substring(0, header.start()) + text.substring(last.end()));
  }

  private static String appended(String text, String rendered, String eol) {
    if (text.isEmpty()) {
      return rendered + eol;
    }
    if (text.endsWith("\n")) {
      return text + rendered + eol;
    }
    return text + eol + rendered;
  }

  private static String refusal(IniText ini, Path file, String section, List<Line> headers) {
    if (headers.size() > 1) {
      String numbers =
          headers.stream().map(l -> String.valueOf(l.number())).collect(Collectors.joining(", "));
      return "section ["
          + section
          + "] appears "
          + headers.size()
          + " times in "
          + file
          + " (lines "
          + numbers
          + "); rolekeeper will not guess which one to write: remove the extra ones";
    }
    Line header = headers.get(0);
    Line marker = ini.next(header);
    if (marker == null
        || marker.kind() != Kind.COMMENT
        || !ManagedSection.isMarker(ini.content(marker))) {
      return "section ["
          + section
          + "] in "
          + file
          + " (line "
          + header.number()
          + ") is not managed by rolekeeper"
          + " (no '"
          + ManagedSection.MARKER
          + "' line directly under its header) and may hold long-term keys, so"
          + " it is left alone: choose another section name in the sync settings, or delete that section";
    }
    return null;
  }

  /**
   * The last line of the section's span: its last key or continuation line, else its marker line.
   */
  private static Line lastLineOf(IniText ini, Line header) {
    Line last = ini.next(header);
    for (Line line = ini.next(last);
        line != null && line.kind() != Kind.HEADER;
        line = ini.next(line)) {
      if (line.kind() == Kind.KEY || line.kind() == Kind.CONTINUATION) {
        last = line;
      }
    }
    return last;
  }

  private static Splice changed(String text) {
    return new Splice.Changed(text.getBytes(StandardCharsets.ISO_8859_1));
  }
}
