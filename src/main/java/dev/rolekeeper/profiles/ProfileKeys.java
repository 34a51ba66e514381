package dev.rolekeeper.profiles;

import java.util.Set;

/**
 * The property names rolekeeper reads, spelled exactly as the SDKs match them (case-sensitively).
 */
final class ProfileKeys {

  static final String ROLE_ARN = "role_arn";
  static final String SOURCE_PROFILE = "source_profile";
  static final String CREDENTIAL_SOURCE = "credential_source";
  static final String MFA_SERIAL = "mfa_serial";
  static final String EXTERNAL_ID = "external_id";
  static final String ROLE_SESSION_NAME = "role_session_name";
  static final String DURATION_SECONDS = "duration_seconds";
  static final String REGION = "region";
  static final String STS_REGIONAL_ENDPOINTS = "sts_regional_endpoints";
  static final String MFA_PROCESS = "mfa_process";
  static final String SERVICES = "services";
  static final String ENDPOINT_URL = "endpoint_url";
  static final String USE_FIPS_ENDPOINT = "use_fips_endpoint";
  static final String USE_DUALSTACK_ENDPOINT = "use_dualstack_endpoint";
  static final String IGNORE_CONFIGURED_ENDPOINT_URLS = "ignore_configured_endpoint_urls";
  static final String CREDENTIAL_PROCESS = "credential_process";
  static final String ACCESS_KEY_ID = "aws_access_key_id";
  static final String SECRET_ACCESS_KEY = "aws_secret_access_key";
  static final String SESSION_TOKEN = "aws_session_token";
  static final String SSO_SESSION = "sso_session";
  static final String SSO_START_URL = "sso_start_url";
  static final String SSO_REGION = "sso_region";
  static final String SSO_ACCOUNT_ID = "sso_account_id";
  static final String SSO_ROLE_NAME = "sso_role_name";
  static final String SSO_REGISTRATION_SCOPES = "sso_registration_scopes";
  static final String WEB_IDENTITY_TOKEN_FILE = "web_identity_token_file";
  static final String LOGIN_SESSION = "login_session";
  static final String CA_BUNDLE = "ca_bundle";

  static final Set<String> ALL =
      Set.of(
          ROLE_ARN,
          SOURCE_PROFILE,
          CREDENTIAL_SOURCE,
          MFA_SERIAL,
          EXTERNAL_ID,
          ROLE_SESSION_NAME,
          DURATION_SECONDS,
          REGION,
          STS_REGIONAL_ENDPOINTS,
          MFA_PROCESS,
          SERVICES,
          ENDPOINT_URL,
          USE_FIPS_ENDPOINT,
          USE_DUALSTACK_ENDPOINT,
          IGNORE_CONFIGURED_ENDPOINT_URLS,
          CREDENTIAL_PROCESS,
          ACCESS_KEY_ID,
          SECRET_ACCESS_KEY,
          SESSION_TOKEN,
          SSO_SESSION,
          SSO_START_URL,
          SSO_REGION,
          SSO_ACCOUNT_ID,
          SSO_ROLE_NAME,
          SSO_REGISTRATION_SCOPES,
          WEB_IDENTITY_TOKEN_FILE,
          LOGIN_SESSION,
          CA_BUNDLE);

  private ProfileKeys() {}
}
