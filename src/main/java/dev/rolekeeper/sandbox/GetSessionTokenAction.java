package dev.rolekeeper.sandbox;

import java.util.Optional;

/**
 * {@code GetSessionToken}: only with long-term keys; DurationSeconds 900–129600 (default 12 h);
 * with SerialNumber + TokenCode the session is MFA-authenticated, which roles requiring MFA accept.
 */
record GetSessionTokenAction(CredentialStore store, MfaCheck mfa) implements StsAction {

  private static final int DEFAULT_SECONDS = 43200;

  @Override
  public String name() {
    return "GetSessionToken";
  }

  @Override
  public Result handle(Call call, String requestId) {
    if (call.caller().temporary()) {
      return new Result.Failed(
          StsError.accessDenied("Cannot call GetSessionToken with session credentials"));
    }
    Optional<StsError> invalid =
        new ParameterRules(call.params())
            .integer("DurationSeconds", 900, 129600)
            .text("SerialNumber", false, 9, 256, "[\\w+=/:,.@-]*")
            .text("TokenCode", false, 6, 6, "[\\d]*")
            .error();
    if (invalid.isPresent()) {
      return new Result.Failed(invalid.get());
    }
    MfaCheck.Outcome outcome = mfa.check(call);
    if (outcome instanceof MfaCheck.Refused refused) {
      return new Result.Failed(refused.error());
    }
    return store
        .user(call.caller().userName())
        .<Result>map(
            user -> {
              Principal principal =
                  CredentialStore.userPrincipal(user, true, outcome instanceof MfaCheck.Verified);
              IssuedCredential session =
                  store.issue(
                      principal, call.intParam("DurationSeconds", DEFAULT_SECONDS), call.now());
              return new Result.Ok(
                  StsXml.response(name()).credentials(session).finish(name(), requestId));
            })
        .orElseGet(() -> new Result.Failed(StsError.invalidClientTokenId()));
  }
}
