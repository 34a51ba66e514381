package dev.rolekeeper.credfile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.credentials.AwsCredentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.profiles.ProfileFile;

class SyncWriterTest {

  private static final Instant NOW = Instant.parse("2026-11-27T22:00:00Z");

  @TempDir Path dir;

  private SyncWriter writerFor(Path file) {
    return new SyncWriter(new CredentialsFile(file), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void write_missingFileAndDirectory_createsThemOwnerOnly() throws Exception {
    Path file = dir.resolve(".aws/credentials");

    WriteOutcome outcome = writerFor(file).write("dev", TestCredentials.numbered("dev", 1));

    assertThat(outcome).isEqualTo(new WriteOutcome.Written(NOW, file));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
    assertThat(Files.readString(file))
        .isEqualTo(
            String.join("\n", ManagedSection.render("dev", TestCredentials.numbered("dev", 1)))
                + "\n");
  }

  @Test
  void write_existingWorldReadableFile_keepsOtherBytesAndTightensMode() throws Exception {
    Path file = dir.resolve("credentials");
    String original =
        "# mine\r\n[default]\r\naws_access_key_id = AKIA\r\naws_secret_access_key = x\r\n";
    Files.writeString(file, original);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    writerFor(file).write("dev", TestCredentials.numbered("dev", 1));

    String written = Files.readString(file);
    assertThat(written)
        .startsWith(original + "[dev]\r\n# managed by rolekeeper; expires 2026-11-27T23:00:00Z");
    assertThat(written.substring(original.length()).replace("\r\n", "")).doesNotContain("\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void write_sectionHoldingLongTermKeys_isRefusedAndFileUntouched() throws Exception {
    Path file = dir.resolve("credentials");
    Files.writeString(
        file, "[dev]\naws_access_key_id = AKIALONGTERM\naws_secret_access_key = LONGSECRET\n");
    Object inode = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    byte[] before = Files.readAllBytes(file);

    WriteOutcome outcome = writerFor(file).write("dev", TestCredentials.numbered("dev", 1));

    assertThat(outcome).isInstanceOf(WriteOutcome.Refused.class);
    String reason = ((WriteOutcome.Refused) outcome).reason();
    assertThat(reason)
        .contains("[dev]", file.toString(), "not managed by rolekeeper")
        .doesNotContain("LONGSECRET", "secret-dev-1", "token-dev-1");
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(Files.readAttributes(file, BasicFileAttributes.class).fileKey()).isEqualTo(inode);
  }

  @Test
  void remove_sectionHoldingLongTermKeys_isRefused() throws Exception {
    Path file = dir.resolve("credentials");
    Files.writeString(file, "[dev]\naws_access_key_id = AKIALONGTERM\n");

    WriteOutcome outcome = writerFor(file).remove("dev");

    assertThat(outcome).isInstanceOf(WriteOutcome.Refused.class);
    assertThat(Files.readString(file)).isEqualTo("[dev]\naws_access_key_id = AKIALONGTERM\n");
  }

  @Test
  void write_sectionTwiceInFile_isRefused() throws Exception {
    Path file = dir.resolve("credentials");
    String twice = "[dev]\n# managed by rolekeeper\nk=v\n[dev]\n# managed by rolekeeper\nk=v\n";
    Files.writeString(file, twice);

    WriteOutcome outcome = writerFor(file).write("dev", TestCredentials.numbered("dev", 1));

    assertThat(outcome).isInstanceOf(WriteOutcome.Refused.class);
    assertThat(((WriteOutcome.Refused) outcome).reason()).contains("appears 2 times", "lines 1, 4");
    assertThat(Files.readString(file)).isEqualTo(twice);
  }

  @Test
  void write_invalidIni_isRefusedWithLineNumberAndFileUntouched() throws Exception {
    Path file = dir.resolve("credentials");
    String invalid = "[a]\nk = v\nLONGSECRET pasted here by mistake\n";
    Files.writeString(file, invalid);

    WriteOutcome outcome = writerFor(file).write("dev", TestCredentials.numbered("dev", 1));

    assertThat(outcome).isInstanceOf(WriteOutcome.Refused.class);
    assertThat(((WriteOutcome.Refused) outcome).reason())
        .contains(file.toString(), "line 3")
        .doesNotContain("LONGSECRET");
    assertThat(Files.readString(file)).isEqualTo(invalid);
  }

  @Test
  void write_throughSymlinkChain_updatesTargetAndKeepsLinks() throws Exception {
    Path real = Files.createDirectories(dir.resolve("dotfiles/aws")).resolve("credentials");
    Files.writeString(real, "[default]\nk = v");
    Path middle =
        Files.createSymbolicLink(dir.resolve("dotfiles/link"), Path.of("aws/credentials"));
    Path configured =
        Files.createSymbolicLink(dir.resolve("credentials"), Path.of("dotfiles/link"));

    WriteOutcome outcome = writerFor(configured).write("dev", TestCredentials.numbered("dev", 1));

    assertThat(outcome).isEqualTo(new WriteOutcome.Written(NOW, real));
    assertThat(Files.isSymbolicLink(configured)).isTrue();
    assertThat(Files.isSymbolicLink(middle)).isTrue();
    assertThat(Files.readString(real)).startsWith("[default]\nk = v\n[dev]\n");
    assertThat(Files.readString(configured)).isEqualTo(Files.readString(real));
  }

  @Test
  void write_symlinkToMissingFile_createsTheTarget() throws Exception {
    Path real = dir.resolve("elsewhere/credentials");
    Files.createDirectories(real.getParent());
    Path configured = Files.createSymbolicLink(dir.resolve("credentials"), real);

    writerFor(configured).write("dev", TestCredentials.numbered("dev", 1));

    assertThat(Files.isSymbolicLink(configured)).isTrue();
    assertThat(Files.readString(real)).startsWith("[dev]\n");
  }

  @Test
  void write_afterKilledWriter_deletesItsTempFilesButNotOthers() throws Exception {
    Path file = dir.resolve("credentials");
    Path stale = Files.writeString(dir.resolve(".credentials.rolekeeper-tmp-12345"), "half");
    Path unrelated = Files.writeString(dir.resolve(".config.rolekeeper-tmp-1"), "other file's");

    writerFor(file).write("dev", TestCredentials.numbered("dev", 1));

    assertThat(stale).doesNotExist();
    assertThat(unrelated).exists();
    try (var listing = Files.list(dir)) {
      assertThat(listing.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "credentials", "credentials.rolekeeper.lock", ".config.rolekeeper-tmp-1");
    }
  }

  @Test
  void remove_afterWrite_restoresOriginalBytes() throws Exception {
    Path file = dir.resolve("credentials");
    String original = "; odd\n[default]  \nkey=value\n\n\n# end";
    Files.writeString(file, original);
    SyncWriter writer = writerFor(file);

    writer.write("dev", TestCredentials.numbered("dev", 1));
    writer.write("dev", TestCredentials.numbered("dev", 2));
    WriteOutcome removed = writer.remove("dev");

    assertThat(removed).isInstanceOf(WriteOutcome.Written.class);
    assertThat(Files.readString(file)).isEqualTo(original);
  }

  @Test
  void remove_absentFileAndDirectory_createsNothing() {
    Path file = dir.resolve(".aws/credentials");

    WriteOutcome outcome = writerFor(file).remove("dev");

    assertThat(outcome).isInstanceOf(WriteOutcome.Written.class);
    assertThat(file.getParent()).doesNotExist();
  }

  @Test
  void write_longTermCredentials_isRefused() {
    WriteOutcome outcome =
        writerFor(dir.resolve("credentials")).write("dev", AwsCredentials.longTerm("AKIA", "LT"));

    assertThat(outcome).isInstanceOf(WriteOutcome.Refused.class);
    assertThat(dir.resolve("credentials")).doesNotExist();
  }

  @Test
  void write_badSectionName_isRefusedNamingIt() {
    WriteOutcome outcome =
        writerFor(dir.resolve("credentials")).write("a]b", TestCredentials.numbered("x", 1));

    assertThat(outcome).isInstanceOf(WriteOutcome.Refused.class);
    assertThat(((WriteOutcome.Refused) outcome).reason()).contains("a]b");
  }

  @Test
  void write_directoryInTheWay_failsWithReason() throws Exception {
    Path file = Files.createDirectories(dir.resolve("credentials"));

    WriteOutcome outcome = writerFor(file).write("dev", TestCredentials.numbered("dev", 1));

    assertThat(outcome).isInstanceOf(WriteOutcome.Failed.class);
    assertThat(((WriteOutcome.Failed) outcome).reason())
        .contains("[dev]", file.toString())
        .doesNotContain("secret-dev-1");
  }

  @Test
  void profileCredentialsProvider_readingWrittenSection_resolvesExactlyTheWrittenKeys()
      throws Exception {
    Path file = dir.resolve("credentials");
    Files.writeString(
        file, "[default]\r\naws_access_key_id = AKIALONG\r\naws_secret_access_key = long\r\n");
    AwsCredentials written = TestCredentials.numbered("dev", 7);
    writerFor(file).write("dev-session", written);

    ProfileFile profileFile =
        ProfileFile.builder().content(file).type(ProfileFile.Type.CREDENTIALS).build();
    try (ProfileCredentialsProvider provider =
        ProfileCredentialsProvider.builder()
            .profileFile(profileFile)
            .profileName("dev-session")
            .build()) {
      var resolved = provider.resolveCredentials();

      assertThat(resolved).isInstanceOf(AwsSessionCredentials.class);
      assertThat(resolved.accessKeyId()).isEqualTo(written.accessKeyId());
      assertThat(resolved.secretAccessKey()).isEqualTo(written.secretAccessKey());
      assertThat(((AwsSessionCredentials) resolved).sessionToken())
          .isEqualTo(written.sessionToken());
    }
    assertThat(Files.readAllBytes(file))
        .startsWith(
            "[default]\r\naws_access_key_id = AKIALONG\r\naws_secret_access_key = long\r\n"
                .getBytes(StandardCharsets.UTF_8));
  }
}
