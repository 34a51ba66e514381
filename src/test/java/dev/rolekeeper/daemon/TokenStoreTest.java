package dev.rolekeeper.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolekeeper.CapturedLogs;
import dev.rolekeeper.os.UnsafePathException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link TokenStore}: persistence, file modes, scopes and the constant-time check. */
class TokenStoreTest {

  private static final String OWNERS_TEXT =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  @TempDir Path temp;

  @RegisterExtension final CapturedLogs logs = new CapturedLogs();

  @Test
  void open_saysWhatItFound_theControlTokenApartFromClientTokenFiles() {
    TokenStore.open(temp).clientToken(List.of("prod"));
    TokenStore.open(temp.resolve("fresh"));
    TokenStore.open(temp);

    assertThat(logs.lines())
        .contains(
            "Tokens in " + temp.resolve("fresh") + ": the control token and 0 client token file(s)",
            "Tokens in " + temp + ": the control token and 1 client token file(s)");
  }

  @Test
  void open_onMissingDirectory_createsItAndControlTokenWithPrivateModes() throws Exception {
    Path state = temp.resolve("a/state");
    TokenStore store = TokenStore.open(state);

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(state)))
        .isEqualTo("rwx------");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(state.resolve("tokens"))))
        .isEqualTo("rwx------");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(store.controlTokenFile())))
        .isEqualTo("rw-------");
    assertThat(Files.readString(store.controlTokenFile())).isEqualTo(store.controlToken());
  }

  @Test
  void tokens_areAtLeast256BitsUrlSafeWithoutNewline() throws Exception {
    TokenStore store = TokenStore.open(temp);
    IssuedToken client = store.clientToken(List.of("prod"));

    for (Path file : List.of(store.controlTokenFile(), client.file())) {
      byte[] content = Files.readAllBytes(file);
      String text = new String(content, StandardCharsets.US_ASCII);
      assertThat(text).matches("[A-Za-z0-9_-]+").doesNotContain("\n").doesNotContain("\r");
      assertThat(Base64.getUrlDecoder().decode(text)).hasSizeGreaterThanOrEqualTo(32);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
    }
  }

  @Test
  void reopen_onSameDirectory_keepsControlAndClientTokens() {
    TokenStore first = TokenStore.open(temp);
    IssuedToken prod = first.clientToken(List.of("prod", "dev"));

    TokenStore second = TokenStore.open(temp);

    assertThat(second.controlToken()).isEqualTo(first.controlToken());
    assertThat(second.check(prod.token())).contains(new TokenScope(false, Set.of("dev", "prod")));
    assertThat(second.clientToken(List.of("dev", "prod")).token()).isEqualTo(prod.token());
  }

  @Test
  void clientToken_forSameScopeInAnyOrder_isStableAndNamedBySortedScope() {
    TokenStore store = TokenStore.open(temp);
    IssuedToken a = store.clientToken(List.of("prod", "dev"));
    IssuedToken b = store.clientToken(List.of("dev", "prod", "dev"));

    assertThat(b.token()).isEqualTo(a.token());
    assertThat(a.file()).isEqualTo(temp.toAbsolutePath().resolve("tokens/dev+prod.token"));
    assertThat(store.clientToken(List.of("prod")).token()).isNotEqualTo(a.token());
  }

  @Test
  void check_distinguishesControlClientAndUnknown() {
    TokenStore store = TokenStore.open(temp);
    String client = store.clientToken(List.of("prod")).token();

    assertThat(store.check(store.controlToken())).contains(TokenScope.CONTROL);
    assertThat(store.check(client).orElseThrow().allows("prod")).isTrue();
    assertThat(store.check(client).orElseThrow().allows("dev")).isFalse();
    assertThat(store.check(client).orElseThrow().control()).isFalse();
    assertThat(store.check(client.substring(1))).isEmpty();
    assertThat(store.check("")).isEmpty();
    assertThat(store.check(null)).isEmpty();
  }

  @Test
  void clientToken_withUnsafeProfileName_isRefusedNamingIt() {
    TokenStore store = TokenStore.open(temp);

    assertThatThrownBy(() -> store.clientToken(List.of("../evil")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("../evil");
    assertThatThrownBy(() -> store.clientToken(List.of("a+b")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.clientToken(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void open_withTokenFileEndingInNewline_failsNamingTheFile() throws Exception {
    TokenStore.open(temp);
    Files.writeString(
        temp.resolve("control.token"), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n");

    assertThatThrownBy(() -> TokenStore.open(temp))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("control.token")
        .hasMessageNotContaining("AAAAAAAA");
  }

  @Test
  void open_withStrayOrBrokenClientFile_skipsItAndKeepsTheOthers() throws Exception {
    TokenStore first = TokenStore.open(temp);
    String prod = first.clientToken(List.of("prod")).token();
    Files.writeString(temp.resolve("tokens/bad name.token"), prod);
    Files.writeString(temp.resolve("tokens/dev.token"), "short");

    TokenStore second = TokenStore.open(temp);

    assertThat(second.check(prod)).isPresent();
    assertThat(second.check("short")).isEmpty();
  }

  @Test
  void open_withLooseModes_tightensThem() throws Exception {
    TokenStore.open(temp);
    Files.setPosixFilePermissions(
        temp.resolve("control.token"), PosixFilePermissions.fromString("rw-r--r--"));

    TokenStore.open(temp);

    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(temp.resolve("control.token"))))
        .isEqualTo("rw-------");
  }

  @Test
  void open_controlTokenIsLinkToOwnersFile_refusedNamingItAndTargetUntouched() throws Exception {
    Path target = ownersFile();
    Path link = Files.createSymbolicLink(temp.resolve("control.token"), target);

    assertThatThrownBy(() -> TokenStore.open(temp))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(link + " is a symbolic link")
        .hasRootCauseInstanceOf(UnsafePathException.class);

    assertOwnersFileUntouched(target);
  }

  @Test
  void open_clientTokenIsLinkToOwnersFile_ignoredAndTargetUntouched() throws Exception {
    Files.createDirectories(temp.resolve("tokens"));
    Path target = ownersFile();
    Files.createSymbolicLink(temp.resolve("tokens/prod.token"), target);

    TokenStore store = TokenStore.open(temp);

    assertThat(store.check(Files.readString(target))).isEmpty();
    assertOwnersFileUntouched(target);
  }

  @Test
  void open_tokensDirIsLink_refusedAndTargetModeUnchanged() throws Exception {
    Path real = Files.createDirectory(temp.resolve("elsewhere"));
    Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path state = Files.createDirectory(temp.resolve("state"));
    Files.createSymbolicLink(state.resolve("tokens"), real);

    assertThatThrownBy(() -> TokenStore.open(state))
        .hasMessageContaining(state.resolve("tokens") + " is a symbolic link");

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(real)))
        .isEqualTo("rwxr-xr-x");
  }

  @Test
  void clientToken_whoseFileIsADanglingLink_refusedAndNothingCreatedWhereItPoints()
      throws Exception {
    TokenStore store = TokenStore.open(temp);
    Path pointsAt = temp.resolve("created-by-link");
    Files.createSymbolicLink(temp.resolve("tokens/prod.token"), pointsAt);

    assertThatThrownBy(() -> store.clientToken(List.of("prod")))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("tokens/prod.token is a symbolic link");

    assertThat(Files.exists(pointsAt, LinkOption.NOFOLLOW_LINKS)).isFalse();
  }

  /** A file of the owner's that looks like a token, mode 0644. */
  private Path ownersFile() throws Exception {
    Path target = Files.writeString(temp.resolve("owners-file"), OWNERS_TEXT);
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
    return target;
  }

  private static void assertOwnersFileUntouched(Path target) throws Exception {
    assertThat(Files.readString(target)).isEqualTo(OWNERS_TEXT);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target)))
        .isEqualTo("rw-r--r--");
  }

  @Test
  void toString_ofStoreAndIssuedToken_neverShowsTokens() {
    TokenStore store = TokenStore.open(temp);
    IssuedToken issued = store.clientToken(List.of("prod"));

    assertThat(store.toString())
        .doesNotContain(store.controlToken())
        .doesNotContain(issued.token());
    assertThat(issued.toString()).doesNotContain(issued.token()).contains("prod");
  }
}
