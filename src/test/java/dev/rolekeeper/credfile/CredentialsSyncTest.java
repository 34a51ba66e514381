package dev.rolekeeper.credfile;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(VertxExtension.class)
class CredentialsSyncTest {

  @TempDir Path dir;

  @Test
  void sessionRefreshed_syncedProfile_writesItsSectionAndRecordsStatus(
      Vertx vertx, VertxTestContext testContext) throws Exception {
    Path file = dir.resolve("credentials");
    Files.writeString(file, "[default]\naws_access_key_id = AKIA\n");
    var dev = new SyncTarget("dev", "dev-session");
    var sync =
        new CredentialsSync(vertx, new SyncSettings(List.of(dev), new CredentialsFile(file), true));

    sync.sessionRefreshed("dev", TestCredentials.numbered("dev", 1))
        .onComplete(
            testContext.succeeding(
                outcomes ->
                    testContext.verify(
                        () -> {
                          assertThat(outcomes)
                              .singleElement()
                              .isInstanceOf(WriteOutcome.Written.class);
                          assertThat(Files.readString(file))
                              .startsWith("[default]\naws_access_key_id = AKIA\n[dev-session]\n")
                              .contains("aws_session_token = token-dev-1");
                          assertThat(sync.status())
                              .singleElement()
                              .satisfies(
                                  status -> {
                                    assertThat(status.target()).isEqualTo(dev);
                                    assertThat(status.lastWritten()).isNotNull();
                                    assertThat(status.lastError()).isNull();
                                  });
                          testContext.completeNow();
                        })));
  }

  @Test
  void sessionRefreshed_sectionHoldingLongTermKeys_recordsRefusalAndLeavesFile(
      Vertx vertx, VertxTestContext testContext) throws Exception {
    Path file = dir.resolve("credentials");
    String original =
        "[dev-session]\naws_access_key_id = AKIALONG\naws_secret_access_key = LONGSECRET\n";
    Files.writeString(file, original);
    var dev = new SyncTarget("dev", "dev-session");
    var sync =
        new CredentialsSync(
            vertx, new SyncSettings(List.of(dev), new CredentialsFile(file), false));

    sync.sessionRefreshed("dev", TestCredentials.numbered("dev", 1))
        .onComplete(
            testContext.succeeding(
                outcomes ->
                    testContext.verify(
                        () -> {
                          assertThat(outcomes)
                              .singleElement()
                              .isInstanceOf(WriteOutcome.Refused.class);
                          assertThat(Files.readString(file)).isEqualTo(original);
                          assertThat(sync.status().get(0).lastWritten()).isNull();
                          assertThat(sync.status().get(0).lastError())
                              .contains("not managed by rolekeeper")
                              .doesNotContain("LONGSECRET");
                          assertThat(sync.statusJson().getJsonObject(0).getMap())
                              .containsEntry("profile", "dev")
                              .containsEntry("section", "dev-session")
                              .containsEntry("file", file.toString())
                              .containsEntry("lastWritten", null)
                              .containsKey("lastError");
                          testContext.completeNow();
                        })));
  }

  @Test
  void shutdown_removeOnShutdown_restoresTheFile(Vertx vertx, VertxTestContext testContext)
      throws Exception {
    Path file = dir.resolve("credentials");
    String original = "# mine\n[default]\nk = v";
    Files.writeString(file, original);
    var settings =
        new SyncSettings(
            List.of(new SyncTarget("dev", "dev-session"), new SyncTarget("prod", "prod-s")),
            new CredentialsFile(file),
            true);
    var sync = new CredentialsSync(vertx, settings);

    sync.sessionRefreshed("dev", TestCredentials.numbered("dev", 1))
        .compose(written -> sync.sessionRefreshed("prod", TestCredentials.numbered("prod", 1)))
        .compose(written -> sync.shutdown())
        .onComplete(
            testContext.succeeding(
                outcomes ->
                    testContext.verify(
                        () -> {
                          assertThat(outcomes)
                              .hasSize(2)
                              .allMatch(o -> o instanceof WriteOutcome.Written);
                          assertThat(Files.readString(file)).isEqualTo(original);
                          testContext.completeNow();
                        })));
  }

  @Test
  void sessionRefreshed_unsyncedProfile_writesNothing(Vertx vertx, VertxTestContext testContext) {
    Path file = dir.resolve("credentials");
    var settings =
        new SyncSettings(
            List.of(new SyncTarget("dev", "dev-session")), new CredentialsFile(file), true);

    new CredentialsSync(vertx, settings)
        .sessionRefreshed("other", TestCredentials.numbered("other", 1))
        .onComplete(
            testContext.succeeding(
                outcomes ->
                    testContext.verify(
                        () -> {
                          assertThat(outcomes).isEmpty();
                          assertThat(file).doesNotExist();
                          testContext.completeNow();
                        })));
  }

  @Test
  void record_successThenFailure_keepsLastWrittenAndShowsError(Vertx vertx) {
    var dev = new SyncTarget("dev", "dev-session");
    var prod = new SyncTarget("prod", "prod-session");
    var settings =
        new SyncSettings(List.of(dev, prod), new CredentialsFile(dir.resolve("c")), true);
    var sync = new CredentialsSync(vertx, settings);
    Instant at = Instant.parse("2026-11-27T22:00:00Z");

    sync.record(dev, new WriteOutcome.Written(at, Path.of("/real/c")));
    sync.record(dev, new WriteOutcome.Refused("not ours"));

    assertThat(sync.status())
        .containsExactly(
            new SyncStatus(dev, Path.of("/real/c"), at, "not ours"),
            new SyncStatus(prod, dir.resolve("c"), null, null));
  }
}
