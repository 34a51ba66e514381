package dev.rolekeeper.sandbox;

import static dev.rolekeeper.sandbox.SigninSimulatorTest.refusal;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every way a DPoP proof can fail at {@code POST /v1/token}: each test redeems a fresh, otherwise
 * valid code with one faulty proof, which is refused as {@code ValidationException} / {@code
 * INVALID_REQUEST} naming the fault.
 */
class DpopProofTest extends SimulatorTestSupport {

  private SigninBrowser browser;
  private KeyPair key;

  @BeforeEach
  void browser() throws Exception {
    browser = new SigninBrowser(sim.endpoint());
    key = DpopProofs.newKey();
  }

  private String jti() {
    return UUID.randomUUID().toString();
  }

  /** Redeems a fresh approved code with {@code proof}; asserts the refusal names {@code what}. */
  private void refused(String proof, String what) throws Exception {
    HttpResponse<String> answer =
        browser.token(browser.codeGrant(browser.approve(), browser.verifier), proof);
    assertThat(refusal(answer, "ValidationException", "INVALID_REQUEST")).contains(what);
  }

  @Test
  void validProof_isAccepted() throws Exception {
    HttpResponse<String> answer =
        browser.token(
            browser.codeGrant(browser.approve(), browser.verifier),
            DpopProofs.proof(key, "POST", browser.tokenUrl(), clock.instant(), jti()));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
  }

  @Test
  void proofSignedByAnotherKeyThanItsJwk_isRefused() throws Exception {
    JsonObject header =
        new JsonObject().put("typ", "dpop+jwt").put("alg", "ES256").put("jwk", DpopProofs.jwk(key));
    refused(
        DpopProofs.proof(
            DpopProofs.newKey(), header, "POST", browser.tokenUrl(), clock.instant(), jti()),
        "signature");
  }

  @Test
  void wrongHtm_isRefused() throws Exception {
    refused(DpopProofs.proof(key, "GET", browser.tokenUrl(), clock.instant(), jti()), "htm");
  }

  @Test
  void wrongHtu_isRefused() throws Exception {
    refused(
        DpopProofs.proof(
            key, "POST", "https://signin.aws.amazon.com/v1/token", clock.instant(), jti()),
        "htu");
  }

  @Test
  void iatTooOld_isRefused() throws Exception {
    Instant old = clock.instant().minus(DpopVerifier.MAX_SKEW).minusSeconds(5);
    refused(DpopProofs.proof(key, "POST", browser.tokenUrl(), old, jti()), "iat");
  }

  @Test
  void iatTooFarAhead_isRefused() throws Exception {
    Instant ahead = clock.instant().plus(DpopVerifier.MAX_SKEW).plusSeconds(5);
    refused(DpopProofs.proof(key, "POST", browser.tokenUrl(), ahead, jti()), "iat");
  }

  @Test
  void replayedJti_isRefused() throws Exception {
    String jti = jti();
    String first = DpopProofs.proof(key, "POST", browser.tokenUrl(), clock.instant(), jti);
    assertThat(
            browser
                .token(browser.codeGrant(browser.approve(), browser.verifier), first)
                .statusCode())
        .isEqualTo(200);

    refused(first, "jti");
    refused(DpopProofs.proof(key, "POST", browser.tokenUrl(), clock.instant(), jti), "jti");
  }

  @Test
  void wrongTyp_isRefused() throws Exception {
    JsonObject header =
        new JsonObject().put("typ", "JWT").put("alg", "ES256").put("jwk", DpopProofs.jwk(key));
    refused(
        DpopProofs.proof(key, header, "POST", browser.tokenUrl(), clock.instant(), jti()), "typ");
  }

  @Test
  void privateKeyInJwk_isRefused() throws Exception {
    JsonObject header =
        new JsonObject()
            .put("typ", "dpop+jwt")
            .put("alg", "ES256")
            .put("jwk", DpopProofs.jwk(key).put("d", "AAAA"));
    refused(
        DpopProofs.proof(key, header, "POST", browser.tokenUrl(), clock.instant(), jti()), "jwk");
  }

  @Test
  void missingOrMalformedProof_isRefused() throws Exception {
    refused(null, "DPoP header");
    refused("not.a-proof", "compact JWS");
    refused("e30.e30.AAAA", "typ");
    refused("!!.e30.AAAA", "malformed");
  }

  @Test
  void refusedProof_leavesTheCodeUnspent() throws Exception {
    String code = browser.approve();
    browser.token(
        browser.codeGrant(code, browser.verifier),
        DpopProofs.proof(key, "GET", browser.tokenUrl(), clock.instant(), jti()));

    HttpResponse<String> answer =
        browser.token(
            browser.codeGrant(code, browser.verifier),
            DpopProofs.proof(key, "POST", browser.tokenUrl(), clock.instant(), jti()));
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
  }
}
