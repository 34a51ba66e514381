package dev.rolekeeper.daemon;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import software.amazon.awssdk.auth.token.credentials.SdkToken;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.SsoOidcTokenProvider;

/**
 * Run in a child JVM whose HOME is a test directory (the SDK finds the token cache through HOME):
 * resolves the token of SSO session {@code args[0]} with the SDK's own {@link
 * SsoOidcTokenProvider}, OIDC at {@code args[1]}, and prints its expiry and the SHA-256 of the
 * token (never the token).
 */
public final class SdkSsoTokenMain {

  private SdkSsoTokenMain() {}

  public static void main(String[] args) throws Exception {
    try (SsoOidcClient oidc =
            SsoOidcClient.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(URI.create(args[1]))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        SsoOidcTokenProvider provider =
            SsoOidcTokenProvider.builder().sessionName(args[0]).ssoOidcClient(oidc).build()) {
      SdkToken token = provider.resolveToken();
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(token.token().getBytes(StandardCharsets.UTF_8));
      System.out.println("expiresAt=" + token.expirationTime().orElseThrow());
      System.out.println("tokenSha256=" + HexFormat.of().formatHex(hash));
    }
  }
}
