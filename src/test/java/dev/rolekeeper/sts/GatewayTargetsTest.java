package dev.rolekeeper.sts;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.rolekeeper.credentials.AwsCredentials;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each call goes to its own target's endpoint, signed for its region, and nothing of the AWS files
 * reaches the clients: the SDK left alone would take {@code [default]}'s endpoint settings for
 * every call.
 */
class GatewayTargetsTest {

  private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d+/([^/]+)/");
  private static final String ANSWER =
      "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
          + "<AssumedRoleUser><AssumedRoleId>AROAX:s</AssumedRoleId>"
          + "<Arn>arn:aws:sts::111122223333:assumed-role/dev/s</Arn></AssumedRoleUser>"
          + "<Credentials><AccessKeyId>ASIAX</AccessKeyId><SecretAccessKey>s</SecretAccessKey>"
          + "<SessionToken>t</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration>"
          + "</Credentials></AssumeRoleResult></AssumeRoleResponse>";

  @TempDir Path dir;
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private HttpServer first;
  private HttpServer second;
  private String savedConfig;

  @BeforeEach
  void start() throws Exception {
    first = server("first");
    second = server("second");
    savedConfig = System.getProperty("aws.configFile");
  }

  @AfterEach
  void stop() {
    first.stop(0);
    second.stop(0);
    if (savedConfig == null) {
      System.clearProperty("aws.configFile");
    } else {
      System.setProperty("aws.configFile", savedConfig);
    }
  }

  @Test
  void targetsWithTheirOwnEndpointAndRegion_eachCallGoesThereSignedForItsRegion() {
    try (SdkStsGateway gateway =
        new SdkStsGateway(null, Duration.ofSeconds(10), AwsNetwork.direct())) {
      assertThat(gateway.assumeRole(call(target(first, "eu-west-1"))))
          .isInstanceOf(StsOutcome.Issued.class);
      assertThat(gateway.assumeRole(call(target(first, "ap-south-1"))))
          .isInstanceOf(StsOutcome.Issued.class);
      assertThat(gateway.assumeRole(call(target(second, "eu-west-1"))))
          .isInstanceOf(StsOutcome.Issued.class);
    }

    assertThat(seen).containsExactly("first eu-west-1", "first ap-south-1", "second eu-west-1");
  }

  @Test
  void endpointWithAPath_callsGoToThatPath() {
    StsTarget withPath =
        new StsTarget(
            URI.create("http://127.0.0.1:" + first.getAddress().getPort() + "/sts"),
            "eu-west-1",
            "eu-west-1",
            "test",
            "test");
    try (SdkStsGateway gateway =
        new SdkStsGateway(null, Duration.ofSeconds(10), AwsNetwork.direct())) {
      assertThat(gateway.assumeRole(call(withPath))).isInstanceOf(StsOutcome.Issued.class);
    }

    assertThat(seen).containsExactly("first eu-west-1 /sts");
  }

  @Test
  void defaultProfileWithFipsDualstackAndEndpoint_doesNotReachTheCalls() throws Exception {
    Path config =
        Files.writeString(
            dir.resolve("config"),
            "[default]\nuse_fips_endpoint = true\nuse_dualstack_endpoint = true\n"
                + "endpoint_url = http://127.0.0.1:1\nregion = sa-east-1\n");
    System.setProperty("aws.configFile", config.toString());

    try (SdkStsGateway gateway =
        new SdkStsGateway(null, Duration.ofSeconds(10), AwsNetwork.direct())) {
      assertThat(gateway.assumeRole(call(target(first, "eu-west-1"))))
          .isInstanceOf(StsOutcome.Issued.class);
    }

    assertThat(seen).containsExactly("first eu-west-1");
  }

  @Test
  void proxyAndNoProxy_eachTargetRoutedAndDescribedForItsOwnEndpoint() throws Exception {
    try (ForwardProxy proxy = ForwardProxy.start()) {
      proxy.route("sts.corp.example", first.getAddress().getPort());
      StsTarget viaProxy =
          new StsTarget(
              URI.create("http://sts.corp.example:" + first.getAddress().getPort()),
              "eu-west-1",
              "eu-west-1",
              "test",
              "test");
      StsTarget direct = target(second, "eu-west-1");
      AwsNetwork network =
          AwsNetwork.from(Map.of("http_proxy", proxy.url(), "no_proxy", "127.0.0.1"));
      try (SdkStsGateway gateway = new SdkStsGateway(null, Duration.ofSeconds(10), network)) {
        assertThat(gateway.assumeRole(call(viaProxy))).isInstanceOf(StsOutcome.Issued.class);
        assertThat(gateway.assumeRole(call(direct))).isInstanceOf(StsOutcome.Issued.class);

        assertThat(gateway.describeNetwork(viaProxy, null))
            .startsWith("proxy " + proxy.url().replaceAll("/$", ""));
        assertThat(gateway.describeNetwork(direct, null))
            .startsWith("proxy none (direct: no_proxy covers 127.0.0.1)");
      }
      assertThat(proxy.seen())
          .extracting(ForwardProxy.Seen::target)
          .containsExactly("http://sts.corp.example:" + first.getAddress().getPort());
    }

    assertThat(seen).containsExactly("first eu-west-1", "second eu-west-1");
  }

  private HttpServer server(String name) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          Matcher scope =
              SCOPE.matcher(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
          seen.add(
              name
                  + " "
                  + (scope.find() ? scope.group(1) : "?")
                  + (exchange.getRequestURI().getPath().equals("/")
                      ? ""
                      : " " + exchange.getRequestURI().getPath()));
          byte[] body = ANSWER.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/xml");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return server;
  }

  private static StsTarget target(HttpServer server, String region) {
    return new StsTarget(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
        region,
        region,
        "test",
        "test");
  }

  private static AssumeRoleCall call(StsTarget target) {
    return new AssumeRoleCall(
        AwsCredentials.longTerm("AKIAEXAMPLE", "secret"),
        new AssumeRoleCall.Role("arn:aws:iam::111122223333:role/dev", "s", 900, null),
        null,
        null,
        target,
        null);
  }
}
