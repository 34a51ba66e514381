package dev.rolekeeper.sandbox;

/**
 * Who signed a request, as the simulator's trust and MFA rules see it.
 *
 * @param arn what GetCallerIdentity reports ({@code …:user/NAME} or {@code
 *     …:assumed-role/ROLE/SESSION})
 * @param userId what GetCallerIdentity reports as UserId ({@code AIDA…} or {@code AROA…:SESSION})
 * @param trustArn the ARN trust policies name: the user, or for a role session the role itself
 * @param userName the IAM user at the root of the chain (whose MFA device may be used)
 * @param temporary whether the request was signed with session credentials
 * @param mfaAuthenticated whether the credentials were obtained with a valid MFA code
 */
record Principal(
    String arn,
    String userId,
    String trustArn,
    String userName,
    boolean temporary,
    boolean mfaAuthenticated) {

  /** The principal's account: the fifth field of its ARN, in both forms. */
  String accountId() {
    return arn.split(":")[4];
  }
}
