package dev.rolekeeper.profiles;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One profile's properties after merging both files (credentials-file values win), remembering
 * which file each value came from so errors can point at it. Values may be secret: {@link
 * #toString()} lists keys only.
 *
 * @param name the profile name
 * @param properties key → value, keys case-sensitive
 * @param origins key → the file its value came from
 * @param files every file that has a section for this profile, config first
 */
record RawProfile(
    String name, Map<String, String> properties, Map<String, Path> origins, List<Path> files) {

  RawProfile {
    properties = Map.copyOf(properties);
    origins = Map.copyOf(origins);
    files = List.copyOf(files);
  }

  /** Merges the same profile's sections from config and credentials; {@code later}'s values win. */
  RawProfile overriddenBy(Path file, Map<String, String> later) {
    Map<String, String> mergedProperties = new LinkedHashMap<>(properties);
    Map<String, Path> mergedOrigins = new LinkedHashMap<>(origins);
    later.forEach(
        (key, value) -> {
          mergedProperties.put(key, value);
          mergedOrigins.put(key, file);
        });
    List<Path> mergedFiles = new ArrayList<>(files);
    if (!mergedFiles.contains(file)) {
      mergedFiles.add(file);
    }
    return new RawProfile(name, mergedProperties, mergedOrigins, mergedFiles);
  }

  static RawProfile of(String name, Path file, Map<String, String> properties) {
    return new RawProfile(name, Map.of(), Map.of(), List.of()).overriddenBy(file, properties);
  }

  /** The value, stripped, or empty when absent or blank (a blank value counts as not set). */
  Optional<String> get(String key) {
    String value = properties.get(key);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  boolean has(String key) {
    return get(key).isPresent();
  }

  /** "profile 'x' in FILE" naming the file the key came from, or every file of the profile. */
  String where(String key) {
    Path origin = origins.get(key);
    return "profile '" + name + "' in " + (origin != null ? origin.toString() : filesText());
  }

  String where() {
    return "profile '" + name + "' in " + filesText();
  }

  private String filesText() {
    return files.stream().map(Path::toString).reduce((a, b) -> a + " and " + b).orElse("(no file)");
  }

  /**
   * Keys that would be a known key if written in lower case, e.g. {@code Role_Arn}: the SDKs ignore
   * them.
   */
  List<String> miscasedKeys() {
    return properties.keySet().stream()
        .filter(key -> !ProfileKeys.ALL.contains(key))
        .filter(key -> ProfileKeys.ALL.contains(key.toLowerCase(Locale.ROOT)))
        .sorted()
        .toList();
  }

  @Override
  public String toString() {
    return "RawProfile[name=" + name + ", keys=" + properties.keySet() + ", files=" + files + "]";
  }
}
