package dev.rolekeeper.sandbox;

/** {@code GetCallerIdentity}: who signed the request — the user, or the assumed-role session. */
record GetCallerIdentityAction() implements StsAction {

  @Override
  public String name() {
    return "GetCallerIdentity";
  }

  @Override
  public Result handle(Call call, String requestId) {
    Principal caller = call.caller();
    return new Result.Ok(
        StsXml.response(name())
            .leaf("Arn", caller.arn())
            .leaf("UserId", caller.userId())
            .leaf("Account", caller.accountId())
            .finish(name(), requestId));
  }
}
