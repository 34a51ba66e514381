package dev.rolekeeper.profiles;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Section header lines of one AWS file: which profile (or, in the SSO view of the config file,
 * which sso-session) a header opens, by SDK v2's rules. Empty means the section is not one of them
 * and its lines are to be skipped; why is logged, never the section's contents.
 */
final class IniSectionHeaders {

  // Same logger as IniNormalizer: these warnings are part of reading a file, and filtered as such.
  private static final Logger LOG = LoggerFactory.getLogger(IniNormalizer.class);

  /** The characters SDK v2 accepts in profile, sso-session and property names. */
  static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9_\\-/.%@:+]*");

  private final Path file;
  private final ProfileFileKind kind;
  private final boolean configHasProfileDefault;

  private IniSectionHeaders(Path file, ProfileFileKind kind, boolean configHasProfileDefault) {
    this.file = file;
    this.kind = kind;
    this.configHasProfileDefault = configHasProfileDefault;
  }

  /**
   * The headers of {@code lines}, knowing whether {@code [profile default]} hides {@code
   * [default]}.
   */
  static IniSectionHeaders of(Path file, ProfileFileKind kind, String[] lines) {
    return new IniSectionHeaders(
        file, kind, kind == ProfileFileKind.CONFIG && hasProfileDefault(lines));
  }

  private static boolean hasProfileDefault(String[] lines) {
    for (String line : lines) {
      if (line.startsWith("[")
          && body(line).map(IniSectionHeaders::isProfileDefault).orElse(false)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isProfileDefault(String body) {
    return hasProfilePrefix(body) && body.substring("profile".length()).strip().equals("default");
  }

  /** What is between the brackets, comments removed; empty if the header does not end with ']'. */
  static Optional<String> body(String line) {
    String header = IniComments.withoutComment(line, "#", ";").strip();
    if (!header.endsWith("]") || header.length() < 2) {
      return Optional.empty();
    }
    return Optional.of(header.substring(1, header.length() - 1).strip());
  }

  Optional<String> profileName(String body, int lineNumber) {
    if (kind == ProfileFileKind.SSO_SESSIONS) {
      return namedSection("sso-session", body, lineNumber);
    }
    if (kind == ProfileFileKind.SERVICES) {
      return namedSection("services", body, lineNumber);
    }
    String name;
    if (kind == ProfileFileKind.CREDENTIALS) {
      name = body;
    } else if (hasProfilePrefix(body)) {
      name = body.substring("profile".length()).strip();
    } else if (body.equals("default")) {
      if (configHasProfileDefault) {
        LOG.warn(
            "{} line {}: ignoring [default] because [profile default] is also present",
            file,
            lineNumber);
        return Optional.empty();
      }
      name = body;
    } else {
      LOG.debug("{} line {}: section [{}] is not a profile", file, lineNumber, body);
      return Optional.empty();
    }
    if (kind == ProfileFileKind.CREDENTIALS && hasProfilePrefix(body)) {
      LOG.warn(
          "{} line {}: ignoring section [{}]: the credentials file names profiles without 'profile ', as in [{}]",
          file,
          lineNumber,
          body,
          body.substring("profile".length()).strip());
      return Optional.empty();
    }
    if (name.isEmpty() || !IDENTIFIER.matcher(name).matches()) {
      LOG.warn(
          "{} line {}: ignoring section [{}]: a profile name may only hold letters, digits and - / . % @ _ : +",
          file, lineNumber, body);
      return Optional.empty();
    }
    return Optional.of(name);
  }

  /** The x of {@code [sso-session x]} or {@code [services x]}. */
  private Optional<String> namedSection(String prefix, String body, int lineNumber) {
    if (!body.startsWith(prefix + " ") && !body.startsWith(prefix + "\t")) {
      return Optional.empty();
    }
    String name = body.substring(prefix.length()).strip();
    if (name.isEmpty() || !IDENTIFIER.matcher(name).matches()) {
      LOG.warn(
          "{} line {}: ignoring section [{}]: a {} name may only hold letters, digits and"
              + " - / . % @ _ : +",
          file, lineNumber, body, prefix);
      return Optional.empty();
    }
    return Optional.of(name);
  }

  private static boolean hasProfilePrefix(String body) {
    return body.startsWith("profile ") || body.startsWith("profile\t");
  }
}
