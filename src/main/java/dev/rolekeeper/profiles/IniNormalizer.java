package dev.rolekeeper.profiles;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites a raw AWS config or credentials text into plain INI that ini4j reads the way the AWS SDK
 * for Java v2 reads the original.
 *
 * <p>ini4j alone gets these cases wrong, so they are settled here, line by line, with SDK v2's
 * rules ({@code ProfileFileReader}):
 *
 * <ul>
 *   <li>a UTF-8 BOM and CR/CRLF line ends;
 *   <li>inline comments: in a property line {@code #} or {@code ;} after a space or tab ends the
 *       value, in a section line any {@code #} or {@code ;} does;
 *   <li>indented lines continue the property above (ini4j would make them new keys, leaking {@code
 *       s3 =} sub-section keys into the profile); they are appended to that property's value, one
 *       per line, as SDK v2 does (except that an {@code s3 =} value does not start with a newline:
 *       ini4j trims it);
 *   <li>section names become profile names: {@code [profile x]} / {@code [default]} in the config
 *       file ({@code [profile default]} beats {@code [default]}), {@code [x]} in the credentials
 *       file; sections that are not profiles ({@code [sso-session x]}, {@code [services x]}, bare
 *       {@code [x]} in config) and names or keys outside {@code [A-Za-z0-9_-/.%@:+]} are dropped
 *       with their lines, as the SDK ignores them.
 * </ul>
 *
 * One deliberate leniency: an indented line starting with {@code #} or {@code ;} is a comment (as
 * in the AWS CLI), where SDK v2 would take it as part of a value or reject it.
 *
 * <p>The output has one {@code [name]} line per section and {@code key = value} lines whose value
 * has backslashes doubled and newlines written as {@code \n} (and a {@code :} in a key escaped, as
 * ini4j would split there), to be read by ini4j with escapes on. Errors name the file and line but
 * never quote the line, which may hold a secret.
 */
final class IniNormalizer {

  private static final Logger LOG = LoggerFactory.getLogger(IniNormalizer.class);
  private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");
  private static final char BOM = '\uFEFF';

  private final Path file;
  private final IniSectionHeaders headers;
  private final StringBuilder out = new StringBuilder();
  private int lineNumber;
  private boolean inSection;
  private boolean ignoringSection;
  private boolean ignoringProperty;
  private String key;
  private StringBuilder value;
  private boolean valueIsSubSection;

  private IniNormalizer(Path file, IniSectionHeaders headers) {
    this.file = file;
    this.headers = headers;
  }

  /** Returns the INI text for ini4j; throws on lines the SDK would also refuse. */
  static String normalize(Path file, ProfileFileKind kind, String text) throws ProfileException {
    String body = !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
    String[] lines = LINE_BREAK.split(body, -1);
    IniNormalizer normalizer = new IniNormalizer(file, IniSectionHeaders.of(file, kind, lines));
    for (String line : lines) {
      normalizer.accept(line);
    }
    normalizer.flushProperty();
    return normalizer.out.toString();
  }

  private void accept(String line) throws ProfileException {
    lineNumber++;
    if (line.isBlank() || IniComments.isComment(line)) {
      return;
    }
    char first = line.charAt(0);
    if (first == ' ' || first == '\t') {
      acceptContinuation(line.strip());
    } else if (first == '[') {
      acceptSection(line);
    } else {
      acceptProperty(line);
    }
  }

  private void acceptSection(String line) throws ProfileException {
    flushProperty();
    inSection = true;
    ignoringProperty = false;
    String body =
        IniSectionHeaders.body(line).orElseThrow(() -> error("a section header must end with ']'"));
    Optional<String> name = headers.profileName(body, lineNumber);
    ignoringSection = name.isEmpty();
    name.ifPresent(n -> out.append('[').append(n).append("]\n"));
  }

  private void acceptProperty(String line) throws ProfileException {
    if (!inSection) {
      throw error("a property appears before any [section]");
    }
    if (ignoringSection) {
      return;
    }
    flushProperty();
    String content = IniComments.withoutComment(line, " #", " ;", "\t#", "\t;").strip();
    int equals = content.indexOf('=');
    if (equals < 0) {
      throw error("expected 'name = value' or a [section]");
    }
    String name = content.substring(0, equals).strip();
    if (name.isEmpty()) {
      throw error("the property has no name before '='");
    }
    ignoringProperty = !IniSectionHeaders.IDENTIFIER.matcher(name).matches();
    if (ignoringProperty) {
      // Not quoted: a pasted "aws_session_token TOKEN=" would put the token in the name.
      LOG.warn(
          "{} line {}: ignoring a property whose name is not letters, digits and - / . % @ _ : + only",
          file, lineNumber);
      return;
    }
    key = name;
    value = new StringBuilder(content.substring(equals + 1).strip());
    valueIsSubSection = value.isEmpty();
  }

  private void acceptContinuation(String content) throws ProfileException {
    if (ignoringSection || ignoringProperty) {
      return;
    }
    if (key == null) {
      throw error(
          "an indented line must follow a property (such as 's3 =' before its indented sub-keys)");
    }
    if (valueIsSubSection && content.indexOf('=') <= 0) {
      throw error("an indented line under '" + key + " =' must be 'name = value'");
    }
    value.append('\n').append(content);
  }

  private void flushProperty() {
    if (key != null) {
      String escaped = value.toString().replace("\\", "\\\\").replace("\n", "\\n");
      // ini4j splits a line at ':' as well as '=', even in strict mode, unless the ':' is escaped.
      out.append(key.replace(":", "\\:")).append(" = ").append(escaped).append('\n');
      key = null;
      value = null;
    }
  }

  private ProfileException error(String what) {
    return new ProfileException(file + " line " + lineNumber + ": " + what);
  }
}
