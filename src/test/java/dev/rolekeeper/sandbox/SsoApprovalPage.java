package dev.rolekeeper.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * What the person in the browser does with a sign-in link: open the simulator's page and press its
 * Approve button.
 */
public final class SsoApprovalPage {

  private SsoApprovalPage() {}

  /**
   * Opens {@code link} (a verificationUriComplete) and submits the page's own form with "approve".
   */
  public static void approve(String link) throws Exception {
    HttpClient browser = HttpClient.newHttpClient();
    HttpResponse<String> page =
        browser.send(
            HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).as("the sign-in page").isEqualTo(200);
    String code = page.body().replaceAll("(?s).*name=\"user_code\" value=\"([^\"]+)\".*", "$1");
    String action =
        page.body().replaceAll("(?s).*<form method=\"post\" action=\"([^\"]+)\".*", "$1");
    HttpResponse<String> approved =
        browser.send(
            HttpRequest.newBuilder(URI.create(link).resolve(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "user_code="
                            + URLEncoder.encode(code, StandardCharsets.UTF_8)
                            + "&decision=approve"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(approved.statusCode()).isEqualTo(200);
    assertThat(approved.body()).contains("Request approved");
  }
}
