package dev.rolekeeper.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolekeeper.credentials.AwsCredentials;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.signin.internal.EcKeyLoader;

class LoginCacheTest {

  private static final String SESSION = "arn:aws:sts::012345678910:assumed-role/Admin/admin";

  @TempDir Path dir;

  @Test
  void fileFor_loginSession_isTheClisFileName() {
    // The example of botocore's own tests.
    assertThat(new LoginCache(dir).fileFor(SESSION).getFileName().toString())
        .isEqualTo("4b0ba8f99f075c0633e122fd73346ce203a3faf18ea0310eb2d29df1bab2e255.json");
  }

  @Test
  void write_thenRead_givesTheSameSessionAndKeepsUnknownFields() throws IOException {
    LoginCache cache = new LoginCache(dir.resolve("login/cache"));
    Files.createDirectories(cache.dir());
    Files.writeString(cache.fileFor(SESSION), "{\"someoneElses\":\"field\"}");
    LoginToken token = token(Instant.parse("2026-12-06T10:15:30.123Z"), "idtok");

    cache.write(SESSION, token);

    LoginToken read = cache.read(SESSION).orElseThrow();
    assertThat(read.credentials().expiration()).isEqualTo(Instant.parse("2026-12-06T10:15:30Z"));
    assertThat(read.refreshToken()).isEqualTo("rt-1");
    assertThat(read.idToken()).isEqualTo("idtok");
    JsonObject json = new JsonObject(Files.readString(cache.fileFor(SESSION)));
    assertThat(json.getString("someoneElses")).isEqualTo("field");
    assertThat(json.getJsonObject("accessToken").getString("expiresAt"))
        .isEqualTo("2026-12-06T10:15:30Z");
    assertThat(json.getString("tokenType")).isEqualTo("aws_sigv4");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.fileFor(SESSION))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.dir())))
        .isEqualTo("rwx------");
  }

  @Test
  void read_javaSdkForm_fractionalSecondsAndIdentityToken() throws IOException {
    LoginCache cache = new LoginCache(dir);
    JsonObject json =
        new JsonObject()
            .put(
                "accessToken",
                new JsonObject()
                    .put("accessKeyId", "ASIAEXAMPLE")
                    .put("secretAccessKey", "s")
                    .put("sessionToken", "t")
                    .put("accountId", "012345678910")
                    .put("expiresAt", "2026-12-06T10:15:30.123456789Z"))
            .put("refreshToken", "rt")
            .put("identityToken", "jwt")
            .put("clientId", "arn:aws:signin:::devtools/same-device")
            .put("dpopKey", "pem");
    Files.writeString(cache.fileFor(SESSION), json.encode());

    LoginToken read = cache.read(SESSION).orElseThrow();

    assertThat(read.credentials().expiration())
        .isEqualTo(Instant.parse("2026-12-06T10:15:30.123456789Z"));
    assertThat(read.idToken()).isEqualTo("jwt");
  }

  @Test
  void read_entryWithoutRefreshToken_namesTheFieldNotASecret() throws IOException {
    LoginCache cache = new LoginCache(dir);
    Files.writeString(
        cache.fileFor(SESSION),
        "{\"accessToken\":{\"accessKeyId\":\"ASIA\",\"secretAccessKey\":\"SECRETVALUE\","
            + "\"sessionToken\":\"t\",\"accountId\":\"1\",\"expiresAt\":\"2026-12-06T10:15:30Z\"}}");

    assertThatThrownBy(() -> cache.read(SESSION))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no refreshToken")
        .hasMessageNotContaining("SECRETVALUE");
  }

  @Test
  void read_noFile_isEmpty() throws IOException {
    assertThat(new LoginCache(dir).read(SESSION)).isEmpty();
  }

  @Test
  void sec1Pem_isReadByTheJavaSdk_withThePublicKey() {
    var key = DpopKeys.generate();

    var loaded = EcKeyLoader.loadSec1Pem(DpopKeys.sec1Pem(key));

    assertThat(loaded.right().getW()).isEqualTo(((ECPublicKey) key.getPublic()).getW());
    assertThat(loaded.left().getS())
        .isEqualTo(((java.security.interfaces.ECPrivateKey) key.getPrivate()).getS());
  }

  private static LoginToken token(Instant expires, String idToken) {
    return new LoginToken(
        new AwsCredentials("ASIAEXAMPLE", "secret", "token", expires, "012345678910"),
        "rt-1",
        "arn:aws:signin:::devtools/same-device",
        DpopKeys.sec1Pem(DpopKeys.generate()),
        idToken);
  }
}
