package dev.rolekeeper.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rolekeeper.session.KeySource.SourceException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a web identity token file: bounded, trimmed, errors that name the file but not the token.
 */
class TokenFileTest {

  @TempDir Path dir;

  @Test
  void tokenWithTrailingNewline_readTrimmed_throughALink() throws Exception {
    Path real = Files.writeString(dir.resolve("token-v2"), "eyJhbGciOi.payload.sig\n");
    Path link = Files.createSymbolicLink(dir.resolve("token"), real);

    assertThat(TokenFile.read(link.toString(), "ci")).isEqualTo("eyJhbGciOi.payload.sig");
  }

  @Test
  void missingEmptyOrOversizedFile_refusedNamingFileAndProfile_neverTheContent() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty"), " \n");
    Path huge = dir.resolve("huge");
    Files.write(huge, "A".repeat(TokenFile.MAX_BYTES + 1).getBytes());

    assertThatThrownBy(() -> TokenFile.read(dir.resolve("absent").toString(), "ci"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining(dir.resolve("absent").toString())
        .hasMessageContaining("profile ci")
        .hasMessageContaining("does not exist");
    assertThatThrownBy(() -> TokenFile.read(empty.toString(), "ci"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("is empty");
    assertThatThrownBy(() -> TokenFile.read(huge.toString(), "ci"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining(huge.toString())
        .hasMessageContaining("over " + TokenFile.MAX_BYTES + " bytes")
        .hasMessageNotContaining("AAAA");
  }
}
