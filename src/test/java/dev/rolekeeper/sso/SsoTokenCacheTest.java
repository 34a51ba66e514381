package dev.rolekeeper.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolekeeper.profiles.SsoSettings;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SsoTokenCacheTest {

  private static final SsoSettings CORP =
      new SsoSettings(
          "corp",
          "https://corp.awsapps.com/start",
          "eu-west-1",
          List.of("sso:account:access"),
          "111122223333",
          "Developer");

  @TempDir Path dir;

  private Path cacheDir() {
    return dir.resolve(".aws/sso/cache");
  }

  @Test
  void fileWrittenByTheAwsCli_isRead() throws Exception {
    Files.createDirectories(cacheDir());
    Files.writeString(
        cacheDir().resolve("ee0bfd2552fbd840c02cc48b6e823320543c450f.json"),
        """
        {"startUrl": "https://corp.awsapps.com/start", "region": "eu-west-1", "accessToken": "aoaTOKEN",
         "expiresAt": "2030-01-02T03:04:05Z", "clientId": "cid", "clientSecret": "csecret",
         "registrationExpiresAt": "2030-03-01T00:00:00Z", "refreshToken": "aorTOKEN"}
        """);

    SsoToken token = new SsoTokenCache(cacheDir()).read(CORP).orElseThrow();

    assertThat(token)
        .isEqualTo(
            new SsoToken(
                "aoaTOKEN",
                Instant.parse("2030-01-02T03:04:05Z"),
                "aorTOKEN",
                new SsoToken.Registration("cid", "csecret", Instant.parse("2030-03-01T00:00:00Z")),
                "eu-west-1",
                "https://corp.awsapps.com/start"));
    assertThat(token.toString()).doesNotContain("aoaTOKEN", "aorTOKEN", "csecret");
  }

  @Test
  void write_keepsFieldsItDoesNotManage_wholeSecondsUtc_mode0600_noTempFileLeft() throws Exception {
    Files.createDirectories(cacheDir());
    Path file = cacheDir().resolve(CORP.cacheFileName());
    Files.writeString(
        file,
        "{\"accessToken\":\"old\",\"expiresAt\":\"2020-01-01T00:00:00Z\",\"scopes\":[\"x\"]}");
    SsoTokenCache cache = new SsoTokenCache(cacheDir());

    cache.write(
        CORP,
        new SsoToken(
            "new",
            Instant.parse("2030-01-02T03:04:05.678Z"),
            "refresh",
            new SsoToken.Registration("cid", "secret", Instant.parse("2030-03-01T00:00:00Z")),
            "eu-west-1",
            CORP.startUrl()));

    JsonObject json = new JsonObject(Files.readString(file));
    assertThat(json.getString("accessToken")).isEqualTo("new");
    assertThat(json.getString("expiresAt")).isEqualTo("2030-01-02T03:04:05Z");
    assertThat(json.getJsonArray("scopes").getString(0)).isEqualTo("x");
    assertThat(Files.getPosixFilePermissions(file))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    try (var files = Files.list(cacheDir())) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void newCacheDirectory_isPrivate() throws Exception {
    new SsoTokenCache(cacheDir())
        .write(
            CORP,
            new SsoToken(
                "t",
                Instant.parse("2030-01-01T00:00:00Z"),
                null,
                null,
                "eu-west-1",
                CORP.startUrl()));

    assertThat(Files.getPosixFilePermissions(cacheDir()))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(
            new JsonObject(Files.readString(cacheDir().resolve(CORP.cacheFileName()))).fieldNames())
        .containsExactlyInAnyOrder("startUrl", "region", "accessToken", "expiresAt");
  }

  @Test
  void missingFile_isNoToken_andGarbage_isAnErrorNamingTheFileNotItsContent() throws Exception {
    SsoTokenCache cache = new SsoTokenCache(cacheDir());
    assertThat(cache.read(CORP)).isEmpty();

    Files.createDirectories(cacheDir());
    Files.writeString(cacheDir().resolve(CORP.cacheFileName()), "aoaSECRET not json");

    assertThatThrownBy(() -> cache.read(CORP))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(CORP.cacheFileName())
        .hasMessageNotContaining("aoaSECRET");
  }

  @Test
  void fileOver256KiB_isAnErrorNamingTheFileAndTheLimit() throws Exception {
    Files.createDirectories(cacheDir());
    Path file = cacheDir().resolve(CORP.cacheFileName());
    Files.writeString(file, "{\"accessToken\": \"" + "a".repeat(300_000) + "\"}");

    assertThatThrownBy(() -> new SsoTokenCache(cacheDir()).read(CORP))
        .isInstanceOf(IOException.class)
        .hasMessage(file + " is larger than 256 KiB, the most rolekeeper reads of it");
  }
}
