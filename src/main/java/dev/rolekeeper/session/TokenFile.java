package dev.rolekeeper.session;

import dev.rolekeeper.os.BoundedFiles;
import dev.rolekeeper.session.KeySource.SourceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a web identity token file (blocking): at most {@link #MAX_BYTES}, trimmed, never empty.
 * Links are followed on purpose: Kubernetes projects the token through a chain of them. Errors name
 * the file, never its content.
 */
final class TokenFile {

  /** Far above any real token (STS takes at most 20,000 characters), far below harm. */
  static final int MAX_BYTES = 1024 * 1024;

  private TokenFile() {}

  static String read(String file, String profile) throws SourceException {
    String where = "web_identity_token_file " + file + " of profile " + profile;
    byte[] bytes;
    try {
      bytes = BoundedFiles.read(Path.of(file), MAX_BYTES);
    } catch (NoSuchFileException e) {
      throw new SourceException(where + " does not exist");
    } catch (BoundedFiles.InputTooLargeException e) {
      throw new SourceException(where + " is over " + MAX_BYTES + " bytes: not a token");
    } catch (IOException | RuntimeException e) {
      throw new SourceException(where + " cannot be read: " + e.getClass().getSimpleName());
    }
    String token = new String(bytes, StandardCharsets.UTF_8).strip();
    if (token.isEmpty()) {
      throw new SourceException(where + " is empty");
    }
    return token;
  }
}
