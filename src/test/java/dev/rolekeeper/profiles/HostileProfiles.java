package dev.rolekeeper.profiles;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** AWS files no person writes: far too large, or chains far too deep. Shared by other packages. */
public final class HostileProfiles {

  private HostileProfiles() {}

  /**
   * Writes a config file of about {@code bytes} bytes that parses: role profiles, each padded with
   * a comment line, so only its size is wrong.
   */
  public static Path writeHugeConfig(Path file, long bytes) throws IOException {
    String padding = "#" + "x".repeat(1000) + "\n";
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      long written = 0;
      for (int i = 0; written < bytes; i++) {
        String profile =
            "[profile huge-"
                + i
                + "]\nrole_arn = arn:aws:iam::123456789012:role/Huge"
                + i
                + "\ncredential_source = Environment\n"
                + padding;
        out.write(profile);
        written += profile.length();
      }
    }
    return file;
  }

  /**
   * Appends role profiles with no padding to {@code file} until it holds just under {@code bytes}:
   * the most profiles a file within that size can hold, for the heap a parse needs.
   */
  public static int appendDenseProfiles(Path file, long bytes, String sourceProfile)
      throws IOException {
    StringBuilder text = new StringBuilder(Files.readString(file));
    int count = 0;
    while (true) {
      String profile =
          "[profile dense-"
              + count
              + "]\nrole_arn = arn:aws:iam::123456789012:role/Dense"
              + count
              + "\nsource_profile = "
              + sourceProfile
              + "\nregion = eu-west-1\n";
      if (text.length() + profile.length() > bytes) {
        break;
      }
      text.append(profile);
      count++;
    }
    Files.writeString(file, text);
    return count;
  }

  /**
   * {@code depth} role profiles {@code <prefix>0 -> <prefix>1 -> ...}, the last one's source being
   * {@code lastSource}: a config text to write or append.
   */
  public static String chain(String prefix, int depth, String lastSource) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      text.append("[profile ")
          .append(prefix)
          .append(i)
          .append("]\nrole_arn = arn:aws:iam::123456789012:role/Hop")
          .append(i)
          .append("\nsource_profile = ")
          .append(i + 1 < depth ? prefix + (i + 1) : lastSource)
          .append('\n');
    }
    return text.toString();
  }
}
