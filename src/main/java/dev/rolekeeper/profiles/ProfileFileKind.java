package dev.rolekeeper.profiles;

/** Which of the two shared files a text comes from; they name profiles differently. */
enum ProfileFileKind {
  /**
   * {@code ~/.aws/config}: {@code [profile x]} and {@code [default]}; other sections are not
   * profiles.
   */
  CONFIG,
  /** {@code ~/.aws/credentials}: {@code [x]} names x, whatever x is. */
  CREDENTIALS,
  /**
   * {@code ~/.aws/config} read for its {@code [sso-session x]} sections only, each named x;
   * profiles are skipped.
   */
  SSO_SESSIONS,
  /**
   * {@code ~/.aws/config} read for its {@code [services x]} sections only, each named x; a
   * service's settings are the indented lines under its {@code NAME =} property.
   */
  SERVICES
}
