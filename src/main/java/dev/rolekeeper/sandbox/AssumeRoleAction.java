package dev.rolekeeper.sandbox;

import dev.rolekeeper.sandbox.SimulatorConfig.SimRole;
import java.util.Optional;

/**
 * {@code AssumeRole}: parameter constraints, MFA code (if offered), the role's trust (principal,
 * ExternalId, MFA required), then the duration limits — the role's MaxSessionDuration and the
 * 1-hour limit for callers using temporary credentials.
 */
record AssumeRoleAction(SimulatorConfig config, MfaCheck mfa, CredentialStore store)
    implements StsAction {

  static final int CHAINED_MAX_SECONDS = 3600;

  @Override
  public String name() {
    return "AssumeRole";
  }

  @Override
  public Result handle(Call call, String requestId) {
    Optional<StsError> invalid =
        new ParameterRules(call.params())
            .text("RoleArn", true, 20, 2048, null)
            .text("RoleSessionName", true, 2, 64, "[\\w+=,.@-]*")
            .integer("DurationSeconds", 900, 43200)
            .text("ExternalId", false, 2, 1224, "[\\w+=,.@:\\/-]*")
            .text("SerialNumber", false, 9, 256, "[\\w+=/:,.@-]*")
            .text("TokenCode", false, 6, 6, "[\\d]*")
            .error();
    if (invalid.isPresent()) {
      return new Result.Failed(invalid.get());
    }
    MfaCheck.Outcome mfaOutcome = mfa.check(call);
    if (mfaOutcome instanceof MfaCheck.Refused refused) {
      return new Result.Failed(refused.error());
    }
    boolean mfaPresent =
        mfaOutcome instanceof MfaCheck.Verified || call.caller().mfaAuthenticated();
    String roleArn = call.params().get("RoleArn");
    Optional<SimRole> role = config.role(roleArn).filter(r -> trusts(r, call, mfaPresent));
    if (role.isEmpty()) {
      return new Result.Failed(StsError.notAuthorized(call.caller().arn(), name(), roleArn));
    }
    return durationError(role.get(), call)
        .<Result>map(Result.Failed::new)
        .orElseGet(() -> issue(role.get(), call, mfaPresent, requestId));
  }

  private static boolean trusts(SimRole role, Call call, boolean mfaPresent) {
    Principal caller = call.caller();
    boolean principalTrusted =
        role.trustedPrincipals().contains(caller.trustArn())
            || role.trustedPrincipals().contains(caller.accountId())
            || role.trustedPrincipals().contains("arn:aws:iam::" + caller.accountId() + ":root");
    boolean externalIdOk =
        role.externalId() == null || role.externalId().equals(call.params().get("ExternalId"));
    return principalTrusted && externalIdOk && (!role.requireMfa() || mfaPresent);
  }

  private Optional<StsError> durationError(SimRole role, Call call) {
    int requested = call.intParam("DurationSeconds", CHAINED_MAX_SECONDS);
    if (call.caller().temporary() && requested > CHAINED_MAX_SECONDS) {
      return Optional.of(
          StsError.validation(
              "The requested DurationSeconds exceeds the 1 hour session limit "
                  + "for roles assumed by role chaining."));
    }
    if (requested > role.maxSessionSeconds()) {
      return Optional.of(
          StsError.validation(
              "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."));
    }
    return Optional.empty();
  }

  private Result issue(SimRole role, Call call, boolean mfaPresent, String requestId) {
    String sessionName = call.params().get("RoleSessionName");
    String assumedArn =
        "arn:aws:sts::" + role.accountId() + ":assumed-role/" + role.name() + "/" + sessionName;
    String assumedId = CredentialStore.stableId("AROA", role.arn()) + ":" + sessionName;
    Principal principal =
        new Principal(
            assumedArn, assumedId, role.arn(), call.caller().userName(), true, mfaPresent);
    IssuedCredential session =
        store.issue(principal, call.intParam("DurationSeconds", CHAINED_MAX_SECONDS), call.now());
    return new Result.Ok(
        StsXml.response(name())
            .credentials(session)
            .open("AssumedRoleUser")
            .leaf("AssumedRoleId", assumedId)
            .leaf("Arn", assumedArn)
            .close("AssumedRoleUser")
            .finish(name(), requestId));
  }
}
