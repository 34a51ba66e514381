package dev.rolekeeper.sandbox;

/** {@code GetCallerIdentity}: who signed the request — the user, or the assumed-role session. */
record GetCallerIdentityAction() implements StsAction {

  @Override
  public String name() {
    return "GetCallerIdentity";
  }

  @Override
  public ActionResult handle(StsCall call, String requestId) {
    Principal caller = call.caller();
    return new ActionResult.Ok(
        StsXml.response(name())
            .leaf("Arn", caller.arn())
            .leaf("UserId", caller.userId())
            .leaf("Account", caller.accountId())
            .finish(name(), requestId));
  }
}
