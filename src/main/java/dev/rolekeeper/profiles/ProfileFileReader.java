package dev.rolekeeper.profiles;

import dev.rolekeeper.os.BoundedFiles;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ini4j.Config;
import org.ini4j.Ini;
import org.ini4j.Profile;

/**
 * Reads one shared AWS file into profile name → properties, with SDK v2 semantics.
 *
 * <p>A missing file reads as no profiles. Duplicate sections merge, a later key winning. Property
 * names keep their case (SDK v2 matches them case-sensitively). Bytes that are not UTF-8 are
 * replaced, as the SDK does, rather than failing the whole file over a stray byte in a comment. A
 * file larger than {@link BoundedFiles#CONFIG_FILE_LIMIT} is refused, unread.
 */
final class ProfileFileReader {

  private ProfileFileReader() {}

  /** Profiles of the file in the order they first appear; empty when the file does not exist. */
  static Map<String, Map<String, String>> read(Path file, ProfileFileKind kind)
      throws ProfileException {
    String text;
    try {
      text = BoundedFiles.readString(file, BoundedFiles.CONFIG_FILE_LIMIT);
    } catch (NoSuchFileException missing) {
      return Map.of();
    } catch (BoundedFiles.InputTooLargeException tooLarge) {
      throw new ProfileException(tooLarge.getMessage(), tooLarge);
    } catch (IOException | SecurityException e) {
      throw new ProfileException("cannot read " + file + ": " + describe(e), e);
    }
    return parse(file, kind, text);
  }

  /** Parses a text as if read from {@code file} (which only names it in errors). */
  static Map<String, Map<String, String>> parse(Path file, ProfileFileKind kind, String text)
      throws ProfileException {
    String ini = IniNormalizer.normalize(file, kind, text);
    Ini parsed = new Ini();
    parsed.setConfig(iniConfig());
    try {
      parsed.load(new StringReader(ini));
    } catch (IOException | RuntimeException e) {
      // The normaliser only emits plain sections and properties, so this means a bug here, not in
      // the file;
      // the ini4j message is left out because it quotes the line, which may hold a secret.
      throw new ProfileException(
          "cannot parse " + file + " (" + e.getClass().getSimpleName() + ")", e);
    }
    return merged(parsed);
  }

  private static Config iniConfig() {
    Config config = new Config();
    config.setEscape(true);
    config.setEscapeNewline(false);
    config.setMultiSection(true);
    config.setMultiOption(false);
    config.setEmptyOption(true);
    config.setEmptySection(true);
    config.setGlobalSection(false);
    config.setTree(false);
    config.setStrictOperator(true);
    config.setLowerCaseOption(false);
    config.setLowerCaseSection(false);
    config.setInclude(false);
    return config;
  }

  private static Map<String, Map<String, String>> merged(Ini parsed) {
    Map<String, Map<String, String>> profiles = new LinkedHashMap<>();
    for (String name : parsed.keySet()) {
      Map<String, String> properties = new LinkedHashMap<>();
      for (Profile.Section section : parsed.getAll(name)) {
        for (String key : section.keySet()) {
          String value = section.get(key);
          properties.put(key, value == null ? "" : value);
        }
      }
      profiles.put(name, Collections.unmodifiableMap(properties));
    }
    return Collections.unmodifiableMap(profiles);
  }

  private static String describe(Exception e) {
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
