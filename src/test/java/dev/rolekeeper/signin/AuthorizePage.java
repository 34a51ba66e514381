package dev.rolekeeper.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * The person at the browser, over plain HTTP: opens the simulated Sign-In service's authorization
 * page, presses Approve or Deny, and follows the redirect to wherever it leads (the loopback
 * listener). Redirects are followed by hand, so each step can be checked.
 */
public final class AuthorizePage {

  // HTTP/1.1, as browsers speak plain http: the JDK's default asks to upgrade to h2c, and its
  // preface then races the listener closing once the sign-in has its answer.
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .proxy(HttpClient.Builder.NO_PROXY)
          .build();

  /**
   * Opens {@code authorizeUrl}, presses {@code decision} and follows the redirect to the loopback
   * listener, whose page must answer 200.
   */
  public void follow(String authorizeUrl, String decision) throws Exception {
    String callback = decide(authorizeUrl, decision);
    HttpResponse<String> page = get(callback);
    assertThat(page.statusCode()).as("the loopback page: %s", page.body()).isEqualTo(200);
  }

  /** Opens {@code authorizeUrl}, presses {@code decision}; returns the redirect's target. */
  String decide(String authorizeUrl, String decision) throws Exception {
    HttpResponse<String> page = get(authorizeUrl);
    assertThat(page.statusCode()).as("the authorize page: %s", page.body()).isEqualTo(200);
    String request = page.body().replaceAll("(?s).*name=\"request\" value=\"([^\"]+)\".*", "$1");
    URI form = URI.create(authorizeUrl).resolve("/v1/authorize");
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(form)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "request="
                            + URLEncoder.encode(request, StandardCharsets.UTF_8)
                            + "&decision="
                            + decision))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
    return answer.headers().firstValue("Location").orElseThrow();
  }

  HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
