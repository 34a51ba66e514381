package dev.rolekeeper.signin;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.crypto.Sha256;
import dev.rolekeeper.os.BoundedFiles;
import dev.rolekeeper.os.OwnerOnlyFiles;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The AWS CLI's console sign-in cache ({@code aws login}), shared with the CLI and the SDKs: one
 * file per {@code login_session}, {@code <dir>/<hex SHA-256 of the login_session>.json}, holding
 * {@code accessToken{accessKeyId, secretAccessKey, sessionToken, accountId, expiresAt}}, {@code
 * tokenType}, {@code refreshToken}, {@code idToken}, {@code clientId} and {@code dpopKey}. Reads
 * what any of them wrote (the Java SDK writes fractional seconds and {@code identityToken}); writes
 * the CLI's form ({@code expiresAt} in whole seconds, {@code Z}), keeping fields it does not
 * manage, atomically and owner-only ({@link OwnerOnlyFiles#write}). Blocking: call on a worker
 * thread.
 */
public final class LoginCache {

  private final Path dir;

  /**
   * @param dir the cache directory ({@code UserPaths.loginCache()}); created 0700 on first write
   */
  public LoginCache(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  /** The file of {@code loginSession}, where the CLI and the SDKs look for it. */
  public Path fileFor(String loginSession) {
    return dir.resolve(Sha256.hexOf(loginSession.getBytes(StandardCharsets.UTF_8)) + ".json");
  }

  /**
   * The cached session of {@code loginSession}, or empty when there is no file.
   *
   * @throws IOException the file cannot be read or is not a login cache entry (the message names
   *     the file and the missing field, never a value)
   */
  public Optional<LoginToken> read(String loginSession) throws IOException {
    Path file = fileFor(loginSession);
    Optional<JsonObject> json = BoundedFiles.readJsonObject(file);
    if (json.isEmpty()) {
      return Optional.empty();
    }
    try {
      JsonObject j = json.get();
      JsonObject access = j.getJsonObject("accessToken");
      if (access == null) {
        throw new IOException(file + " is not a login cache entry: no accessToken");
      }
      AwsCredentials credentials =
          new AwsCredentials(
              required(access, "accessKeyId", file),
              required(access, "secretAccessKey", file),
              required(access, "sessionToken", file),
              Instant.parse(required(access, "expiresAt", file)),
              required(access, "accountId", file));
      String idToken = j.getString("idToken", j.getString("identityToken"));
      return Optional.of(
          new LoginToken(
              credentials,
              required(j, "refreshToken", file),
              required(j, "clientId", file),
              required(j, "dpopKey", file),
              idToken));
    } catch (ClassCastException | DateTimeParseException | IllegalArgumentException e) {
      throw new IOException(
          file + " is not a login cache entry (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** Writes {@code token} as the session of {@code loginSession}, keeping unknown fields. */
  public void write(String loginSession, LoginToken token) throws IOException {
    Path file = fileFor(loginSession);
    JsonObject json = BoundedFiles.readJsonObject(file).orElseGet(JsonObject::new);
    AwsCredentials c = token.credentials();
    JsonObject access =
        Optional.ofNullable(json.getJsonObject("accessToken"))
            .orElseGet(JsonObject::new)
            .put("accessKeyId", c.accessKeyId())
            .put("secretAccessKey", c.secretAccessKey())
            .put("sessionToken", c.sessionToken())
            .put("accountId", c.accountId())
            .put("expiresAt", c.expiration().truncatedTo(ChronoUnit.SECONDS).toString());
    json.put("accessToken", access)
        .put("tokenType", json.getString("tokenType", "aws_sigv4"))
        .put("refreshToken", token.refreshToken())
        .put("clientId", token.clientId())
        .put("dpopKey", token.dpopKey());
    if (token.idToken() != null) {
      // The CLI's name; the Java SDK reads (and keeps) only its own, so both are written.
      json.put("idToken", token.idToken()).put("identityToken", token.idToken());
    }
    OwnerOnlyFiles.directory(dir);
    OwnerOnlyFiles.write(file, json.encodePrettily().getBytes(StandardCharsets.UTF_8));
  }

  private static String required(JsonObject json, String key, Path file) throws IOException {
    String value = json.getString(key);
    if (value == null || value.isBlank()) {
      throw new IOException(file + " is not a login cache entry: no " + key);
    }
    return value;
  }
}
