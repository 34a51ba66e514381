package dev.rolekeeper.daemon;

import java.nio.file.Path;

/**
 * A client token handed out by {@link TokenStore#clientToken}. {@link #toString()} hides the token.
 *
 * @param token the token itself
 * @param file the absolute path of the file holding it
 * @param scope what it may read
 */
public record IssuedToken(String token, Path file, TokenScope scope) {
  @Override
  public String toString() {
    return "IssuedToken[token=<redacted>, file=" + file + ", scope=" + scope + "]";
  }
}
