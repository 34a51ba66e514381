package dev.rolekeeper.daemon;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/** What the tests of profile sources share: more AWS file lines, session keys, the status JSON. */
final class SourceFixtures {

  static final String ROLE = "arn:aws:iam::111122223333:role/";

  private SourceFixtures() {}

  static void appendConfig(RunningDaemon running, String... lines) throws Exception {
    append(running, "config", lines);
  }

  static void appendCredentials(RunningDaemon running, String... lines) throws Exception {
    append(running, "credentials", lines);
  }

  private static void append(RunningDaemon running, String file, String... lines) throws Exception {
    Files.writeString(
        running.home.resolve(".aws").resolve(file),
        "\n" + String.join("\n", lines) + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.APPEND);
  }

  /** A GetSessionToken session (no MFA) of the demo user {@code index}: temporary keys. */
  static Credentials sessionOf(RunningDaemon running, int index) {
    var user = running.account.config().users().get(index);
    try (StsClient sts =
        StsClient.builder()
            .endpointOverride(running.simulator.endpoint())
            .region(Region.US_EAST_1)
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(user.accessKeyId(), user.secretAccessKey())))
            .build()) {
      return sts.getSessionToken().credentials();
    }
  }

  /** {@code GET /control/status} as {@code rolekeeper status --json} asks it (blocking). */
  static JsonObject status(RunningDaemon running) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + running.daemon.port() + "/control/status"))
                    .header("Authorization", running.daemon.tokens().controlToken())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return new JsonObject(response.body());
  }

  static JsonObject profileStatus(JsonObject status, String profile) {
    JsonArray profiles = status.getJsonArray("profiles");
    for (int i = 0; i < profiles.size(); i++) {
      if (profile.equals(profiles.getJsonObject(i).getString("profile"))) {
        return profiles.getJsonObject(i);
      }
    }
    throw new AssertionError("no status for profile " + profile + ": " + status);
  }
}
