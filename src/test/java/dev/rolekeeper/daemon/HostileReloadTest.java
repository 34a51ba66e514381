package dev.rolekeeper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.rolekeeper.Polling;
import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.profiles.HostileProfiles;
import dev.rolekeeper.sandbox.DemoAccount;
import dev.rolekeeper.session.SessionDirectory.Lookup;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A running daemon whose AWS config is replaced by one it must refuse (25 MiB, a 500-deep chain)
 * keeps serving what it served, says why in its log and its status, and recovers when the file is
 * fixed.
 */
@ExtendWith(VertxExtension.class)
class HostileReloadTest {

  private static final String DEV = DemoAccount.DEV_PROFILE;
  private static final String READONLY = DemoAccount.READONLY_PROFILE;
  private static final Duration RELOAD_WITHIN = Duration.ofSeconds(30);

  @TempDir Path home;
  @TempDir Path scratch;

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger reloaderLog = (Logger) LoggerFactory.getLogger(Reloader.class);
  private final HttpClient http = HttpClient.newHttpClient();
  private Vertx vertx;
  private RunningDaemon running;

  @BeforeEach
  void setUp(Vertx vertx) throws Exception {
    this.vertx = vertx;
    logs.start();
    reloaderLog.addAppender(logs);
    running =
        RunningDaemon.prepare(vertx, home, List.of(DEV, READONLY), Map.of()).startDaemon(vertx);
    for (String profile : List.of(DEV, READONLY)) {
      waitFor(() -> running.daemon.sessions().lookup(profile) instanceof Lookup.Available);
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    reloaderLog.detachAppender(logs);
    running.stop();
  }

  private Path awsConfig() {
    return home.resolve(".aws/config");
  }

  /** Replaces the config in one step, as an editor saving it would. */
  private void replaceConfig(Path with) throws Exception {
    Files.move(with, awsConfig(), StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void configReplacedBy25MiB_keepsServingAndStatusNamesTheFileAndTheLimit() throws Exception {
    String original = Files.readString(awsConfig());
    AwsCredentials dev = running.currentCredentials(DEV);

    replaceConfig(HostileProfiles.writeHugeConfig(scratch.resolve("config"), 25L << 20));
    waitFor(() -> !errors().isEmpty());

    String expected = awsConfig() + " is larger than 1 MiB, the most rolekeeper reads of it";
    assertThat(errors())
        .singleElement()
        .isEqualTo("AWS files not reloaded, keeping the previous profiles: " + expected);
    HttpResponse<String> served = get("/v1/credentials/" + DEV);
    assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
    assertThat(new JsonObject(served.body()).getString("AccessKeyId")).isEqualTo(dev.accessKeyId());
    assertThat(reloadErrors())
        .singleElement()
        .satisfies(
            e -> {
              JsonObject error = (JsonObject) e;
              assertThat(error.getString("input")).isEqualTo("AWS files");
              assertThat(error.getString("error")).isEqualTo(expected);
              assertThat(error.getString("at")).isNotBlank();
            });

    Files.writeString(scratch.resolve("fixed"), original + "\n# fixed\n");
    replaceConfig(scratch.resolve("fixed"));
    waitFor(() -> logs.list.stream().anyMatch(e -> e.getMessage().contains("{} reloaded")));
    assertThat(reloadErrors()).isEmpty();
    assertThat(running.currentCredentials(DEV)).isEqualTo(dev);
  }

  @Test
  void configWithA500DeepChainUnderAServedProfile_keepsServingItAndStatusNamesTheProfile()
      throws Exception {
    AwsCredentials readonly = running.currentCredentials(READONLY);
    String deep =
        Files.readString(awsConfig())
                .replace("source_profile = " + DEV + "\n", "source_profile = deep0\n")
            + HostileProfiles.chain("deep", 500, DEV);
    Files.writeString(scratch.resolve("config"), deep);

    replaceConfig(scratch.resolve("config"));
    waitFor(() -> !errors().isEmpty());

    assertThat(errors())
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .startsWith(
                        "AWS files not reloaded, keeping the previous profiles: profile '"
                            + READONLY
                            + "' in "
                            + awsConfig()
                            + ": its source_profile chain is longer than 16 hops")
                    .endsWith("rolekeeper follows at most 16 hops"));
    HttpResponse<String> served = get("/v1/credentials/" + READONLY);
    assertThat(served.statusCode()).as(served.body()).isEqualTo(200);
    assertThat(new JsonObject(served.body()).getString("AccessKeyId"))
        .isEqualTo(readonly.accessKeyId());
    assertThat(reloadErrors())
        .singleElement()
        .satisfies(
            e ->
                assertThat(((JsonObject) e).getString("error"))
                    .contains("profile '" + READONLY + "'")
                    .contains("longer than 16 hops"));
  }

  private HttpResponse<String> get(String path) throws Exception {
    String token = Files.readString(home.resolve("state/control.token")).strip();
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + running.daemon.port() + path))
            .header("Authorization", token)
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private JsonArray reloadErrors() throws Exception {
    HttpResponse<String> status = get("/control/status");
    assertThat(status.statusCode()).isEqualTo(200);
    return new JsonObject(status.body()).getJsonArray("reloadErrors");
  }

  private List<String> errors() {
    return logs.list.stream()
        .filter(e -> e.getLevel() == Level.ERROR)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }

  private void waitFor(BooleanSupplier condition) throws Exception {
    Polling.until(vertx, condition, RELOAD_WITHIN);
  }
}
