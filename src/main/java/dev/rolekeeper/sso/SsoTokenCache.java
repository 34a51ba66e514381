package dev.rolekeeper.sso;

import dev.rolekeeper.os.BoundedFiles;
import dev.rolekeeper.profiles.SsoSettings;
import dev.rolekeeper.sso.SsoToken.Registration;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The AWS CLI's SSO token cache, {@code ~/.aws/sso/cache/<sha1>.json}, shared with the AWS CLI and
 * the SDKs: read what {@code aws sso login} left, and write renewed tokens back in the same format
 * (fields {@code accessToken}, {@code expiresAt} as {@code YYYY-MM-DDTHH:MM:SSZ}, {@code
 * refreshToken}, {@code clientId}, {@code clientSecret}, {@code registrationExpiresAt}, {@code
 * region}, {@code startUrl}; other fields are kept), atomically (temporary file in the same
 * directory, mode 0600, fsync, rename). Blocking: call on a worker thread.
 */
public final class SsoTokenCache {

  private final Path dir;

  public SsoTokenCache(Path dir) {
    this.dir = dir;
  }

  public Path fileFor(SsoSettings settings) {
    return dir.resolve(settings.cacheFileName());
  }

  /**
   * The cached token of this SSO session, or empty when there is none or it cannot be used
   * (unreadable, not JSON, no access token): then a sign-in makes a new one.
   */
  public Optional<SsoToken> read(SsoSettings settings) throws IOException {
    Optional<JsonObject> json = BoundedFiles.readJsonObject(fileFor(settings));
    if (json.isEmpty()) {
      return Optional.empty();
    }
    JsonObject j = json.get();
    try {
      String access = j.getString("accessToken");
      Instant expires = instant(j.getString("expiresAt"));
      if (access == null || expires == null) {
        return Optional.empty();
      }
      return Optional.of(
          new SsoToken(
              access,
              expires,
              j.getString("refreshToken"),
              client(j),
              Optional.ofNullable(j.getString("region")).orElse(settings.region()),
              Optional.ofNullable(j.getString("startUrl")).orElse(settings.startUrl())));
    } catch (ClassCastException | DateTimeParseException e) {
      throw new IOException(
          fileFor(settings)
              + " is not an SSO token cache entry ("
              + e.getClass().getSimpleName()
              + ")");
    }
  }

  /**
   * Writes {@code token} for this SSO session, keeping fields of the existing entry that we do not
   * manage.
   */
  public void write(SsoSettings settings, SsoToken token) throws IOException {
    Path file = fileFor(settings);
    JsonObject json =
        BoundedFiles.readJsonObject(file)
            .orElseGet(JsonObject::new)
            .put("startUrl", token.startUrl())
            .put("region", token.region())
            .put("accessToken", token.accessToken())
            .put("expiresAt", format(token.expiresAt()));
    putOrRemove(json, "refreshToken", token.refreshToken());
    Registration client = token.client();
    putOrRemove(json, "clientId", client == null ? null : client.clientId());
    putOrRemove(json, "clientSecret", client == null ? null : client.clientSecret());
    putOrRemove(
        json,
        "registrationExpiresAt",
        client == null || client.expiresAt() == null ? null : format(client.expiresAt()));
    Files.createDirectories(
        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Path temp =
        Files.createTempFile(
            dir,
            ".rolekeeper-",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.write(
            java.nio.ByteBuffer.wrap(json.encodePrettily().getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
      }
      move(temp, file);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static void move(Path temp, Path file) throws IOException {
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The entry's client registration; none without both its id and its secret. */
  private static Registration client(JsonObject j) {
    String id = j.getString("clientId");
    String secret = j.getString("clientSecret");
    return id == null || secret == null
        ? null
        : new Registration(id, secret, instant(j.getString("registrationExpiresAt")));
  }

  private static void putOrRemove(JsonObject json, String key, String value) {
    if (value == null) {
      json.remove(key);
    } else {
      json.put(key, value);
    }
  }

  /** The AWS CLI's format: whole seconds, UTC, {@code Z}. */
  static String format(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static Instant instant(String text) {
    return text == null || text.isBlank() ? null : Instant.parse(text.replace("UTC", "Z"));
  }
}
