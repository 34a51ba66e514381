package dev.rolekeeper.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rolekeeper demo} as a new user runs it: a separate process whose stdout is the exports.
 */
class DemoSmokeTest {

  private static final List<String> EXPORTS =
      List.of(
          "AWS_CONTAINER_CREDENTIALS_FULL_URI",
          "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
          "AWS_CONTAINER_AUTHORIZATION_TOKEN",
          "AWS_EC2_METADATA_SERVICE_ENDPOINT",
          "AWS_ENDPOINT_URL_STS",
          "ROLEKEEPER_STATEDIR",
          "AWS_REGION",
          "AWS_DEFAULT_REGION");

  @TempDir Path dir;

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private Process demo;

  @AfterEach
  void stopDemo() throws Exception {
    if (demo != null && demo.isAlive()) {
      demo.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void demo_started_printsExportsFirstThatServeTheDemoRoleOnBothEndpoints_andStopsOnSigterm()
      throws Exception {
    ProcessBuilder launch =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "demo",
                "--port",
                "0",
                "--state-dir",
                dir.toString())
            .redirectError(dir.resolve("demo.err").toFile());
    // A home of its own: the demo must need nothing from the developer's files, nor touch them.
    Path home = Files.createDirectories(dir.resolve("home"));
    launch
        .environment()
        .keySet()
        .removeIf(name -> name.startsWith("AWS_") || name.startsWith("XDG_"));
    launch.environment().put("HOME", home.toString());
    demo = launch.start();

    Map<String, String> exports = readExports(demo);

    assertThat(exports.keySet()).containsExactlyElementsOf(EXPORTS);
    String token = exports.get("AWS_CONTAINER_AUTHORIZATION_TOKEN");
    assertThat(Files.readString(Path.of(exports.get("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"))))
        .isEqualTo(token);
    assertThat(exports.get("AWS_EC2_METADATA_SERVICE_ENDPOINT")).endsWith("/");
    JsonObject container =
        new JsonObject(
            send(
                HttpRequest.newBuilder(
                        URI.create(exports.get("AWS_CONTAINER_CREDENTIALS_FULL_URI")))
                    .header("Authorization", token)
                    .build()));
    assertThat(container.getString("AccessKeyId")).startsWith("ASIA");
    assertThat(container.getString("AccountId")).isEqualTo("111122223333");
    String imds = exports.get("AWS_EC2_METADATA_SERVICE_ENDPOINT");
    String imdsToken =
        send(
            HttpRequest.newBuilder(URI.create(imds + "latest/api/token"))
                .header("X-aws-ec2-metadata-token-ttl-seconds", "60")
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build());
    String role =
        send(
            HttpRequest.newBuilder(URI.create(imds + "latest/meta-data/iam/security-credentials/"))
                .header("X-aws-ec2-metadata-token", imdsToken)
                .build());
    assertThat(role).isEqualTo("demo-dev");
    assertThat(Files.exists(dir.resolve("daemon.json"))).isTrue();

    demo.destroy();

    assertThat(demo.waitFor(5, TimeUnit.SECONDS)).as("demo stops within 5 s of SIGTERM").isTrue();
    assertThat(Files.exists(dir.resolve("daemon.json"))).isFalse();
    assertThat(Files.readString(dir.resolve("demo.err")))
        .contains("rolekeeper demo: serving demo-dev, demo-readonly")
        .contains("IMDS is on: any process of this user can read profile demo-dev's credentials")
        .doesNotContain(token);
  }

  private String send(HttpRequest request) throws Exception {
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s %s", request.uri(), response.body()).isEqualTo(200);
    return response.body();
  }

  /**
   * The export lines, read until the last one arrives (bounded: a broken demo fails the test, not
   * hangs it).
   */
  private static Map<String, String> readExports(Process process) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Map<String, String>> read =
        CompletableFuture.supplyAsync(
            () -> {
              Map<String, String> exports = new LinkedHashMap<>();
              try {
                String line;
                while (exports.size() < EXPORTS.size() && (line = out.readLine()) != null) {
                  assertThat(line).startsWith("export ");
                  String[] pair = line.substring("export ".length()).split("=", 2);
                  exports.put(pair[0], pair[1]);
                }
              } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
              return exports;
            });
    return read.get(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS);
  }
}
