package dev.rolekeeper.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * What the person in the browser does with a console sign-in link ({@code aws login}, {@code
 * rolekeeper login}): open the simulated Sign-In service's authorize page, press Approve, and
 * follow the redirect to the tool's loopback listener, over plain HTTP.
 */
public final class SigninApprovalPage {

  private SigninApprovalPage() {}

  /**
   * Opens {@code authorizeUrl}, approves, and follows the redirect; returns the loopback listener's
   * page after checking it took the code.
   */
  public static String approve(String authorizeUrl) throws Exception {
    HttpClient browser = HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build();
    HttpResponse<String> page =
        browser.send(
            HttpRequest.newBuilder(URI.create(authorizeUrl)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).as("the authorize page: %s", page.body()).isEqualTo(200);
    String request = page.body().replaceAll("(?s).*name=\"request\" value=\"([^\"]+)\".*", "$1");
    HttpResponse<String> approved =
        browser.send(
            HttpRequest.newBuilder(URI.create(authorizeUrl).resolve(SigninAuthorizePage.PATH))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "request="
                            + URLEncoder.encode(request, StandardCharsets.UTF_8)
                            + "&decision=approve"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(302);
    URI callback = URI.create(approved.headers().firstValue("Location").orElseThrow());
    assertThat(callback.getHost()).as("the redirect goes to loopback").isEqualTo("127.0.0.1");
    HttpResponse<String> received =
        browser.send(
            HttpRequest.newBuilder(callback).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(received.statusCode()).as(received.body()).isEqualTo(200);
    assertThat(received.body()).contains("Sign-in received.");
    return received.body();
  }
}
