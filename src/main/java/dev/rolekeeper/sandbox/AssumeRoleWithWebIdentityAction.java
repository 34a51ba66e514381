package dev.rolekeeper.sandbox;

import dev.rolekeeper.sandbox.SimulatorConfig.SimRole;
import java.util.Optional;

/**
 * {@code AssumeRoleWithWebIdentity}: unsigned, authorised by the token alone. Parameter
 * constraints, then the token ({@link WebIdentityTokens}), then the role's trust in the token's
 * provider, then DurationSeconds (900 up to the role's MaxSessionDuration, default 1 h). The token
 * is never quoted back in an error.
 */
record AssumeRoleWithWebIdentityAction(
    SimulatorConfig config, WebIdentityTokens tokens, CredentialStore store) implements StsAction {

  private static final int DEFAULT_SECONDS = 3600;
  private static final int MAX_TOKEN_CHARS = 20_000;

  @Override
  public String name() {
    return "AssumeRoleWithWebIdentity";
  }

  @Override
  public Result handle(Call call, String requestId) {
    Optional<StsError> invalid =
        new ParameterRules(call.params())
            .text("RoleArn", true, 20, 2048, null)
            .text("RoleSessionName", true, 2, 64, "[\\w+=,.@-]*")
            .integer("DurationSeconds", 900, 43200)
            .error()
            .or(() -> tokenError(call.params().get("WebIdentityToken")));
    if (invalid.isPresent()) {
      return new Result.Failed(invalid.get());
    }
    WebIdentityTokens.Verdict verdict =
        tokens.check(call.params().get("WebIdentityToken"), call.now());
    if (verdict instanceof WebIdentityTokens.Refused refused) {
      return new Result.Failed(refused.error());
    }
    String subject = ((WebIdentityTokens.Valid) verdict).subject();
    String roleArn = call.params().get("RoleArn");
    Optional<SimRole> role =
        config
            .role(roleArn)
            .filter(
                r -> r.trustedPrincipals().contains(WebIdentityTokens.providerArn(r.accountId())));
    if (role.isEmpty()) {
      return new Result.Failed(
          StsError.accessDenied("Not authorized to perform sts:AssumeRoleWithWebIdentity"));
    }
    int seconds = call.intParam("DurationSeconds", DEFAULT_SECONDS);
    if (seconds > role.get().maxSessionSeconds()) {
      return new Result.Failed(
          StsError.validation(
              "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."));
    }
    return issue(role.get(), call, subject, seconds, requestId);
  }

  /** Checked apart from the others: ParameterRules quotes values, and the token is a secret. */
  private static Optional<StsError> tokenError(String token) {
    if (token == null) {
      return Optional.of(
          StsError.validation(
              "1 validation error detected: Value null at 'webIdentityToken' failed to satisfy"
                  + " constraint: Member must not be null"));
    }
    if (token.length() < 4 || token.length() > MAX_TOKEN_CHARS) {
      return Optional.of(
          StsError.validation(
              "1 validation error detected: Value at 'webIdentityToken' failed to satisfy"
                  + " constraint: Member must have length between 4 and "
                  + MAX_TOKEN_CHARS));
    }
    return Optional.empty();
  }

  private Result issue(SimRole role, Call call, String subject, int seconds, String requestId) {
    String sessionName = call.params().get("RoleSessionName");
    String assumedArn =
        "arn:aws:sts::" + role.accountId() + ":assumed-role/" + role.name() + "/" + sessionName;
    String assumedId = CredentialStore.stableId("AROA", role.arn()) + ":" + sessionName;
    Principal principal = new Principal(assumedArn, assumedId, role.arn(), null, true, false);
    IssuedCredential session = store.issue(principal, seconds, call.now());
    return new Result.Ok(
        StsXml.response(name())
            .credentials(session)
            .leaf("SubjectFromWebIdentityToken", subject)
            .open("AssumedRoleUser")
            .leaf("AssumedRoleId", assumedId)
            .leaf("Arn", assumedArn)
            .close("AssumedRoleUser")
            .leaf("Provider", WebIdentityTokens.ISSUER.substring("https://".length()))
            .leaf("Audience", WebIdentityTokens.AUDIENCE)
            .finish(name(), requestId));
  }
}
