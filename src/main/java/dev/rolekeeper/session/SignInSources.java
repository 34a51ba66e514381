package dev.rolekeeper.session;

import java.util.Objects;

/**
 * Where the profiles that stand on a person's sign-in get their credentials: IAM Identity Center
 * (the {@code sso} package) and console sign-in sessions, the AWS CLI's {@code aws login} (the
 * {@code signin} package).
 *
 * @param sso role credentials of IAM Identity Center profiles
 * @param login credentials of {@code login_session} profiles
 */
public record SignInSources(SsoRoleSource sso, LoginSource login) {

  public SignInSources {
    Objects.requireNonNull(sso, "sso");
    Objects.requireNonNull(login, "login");
  }

  /** Neither is wired: every such profile says why it has no credentials. */
  public static SignInSources none() {
    return new SignInSources(SsoRoleSource.none(), LoginSource.none());
  }
}
