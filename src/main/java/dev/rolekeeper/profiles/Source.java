package dev.rolekeeper.profiles;

import java.util.Objects;
import java.util.Set;

/**
 * Where a profile's credentials come from: for a role profile, what signs its AssumeRole call; for
 * any other profile, its own credentials.
 */
public sealed interface Source {

  /**
   * Long-term (or pasted temporary) keys written in a profile. Redacts the secret and the token in
   * {@link #toString()}.
   *
   * @param accessKeyId {@code aws_access_key_id}, never blank
   * @param secretAccessKey {@code aws_secret_access_key}, never blank
   * @param sessionToken {@code aws_session_token}, or {@code null}
   */
  record StaticKeys(String accessKeyId, String secretAccessKey, String sessionToken)
      implements Source {

    public StaticKeys {
      if (accessKeyId == null
          || accessKeyId.isBlank()
          || secretAccessKey == null
          || secretAccessKey.isBlank()) {
        throw new IllegalArgumentException(
            "static keys need both an access key id and a secret access key");
      }
    }

    @Override
    public String toString() {
      return "StaticKeys[accessKeyId="
          + accessKeyId
          + ", secretAccessKey=***"
          + (sessionToken == null ? "" : ", sessionToken=***")
          + "]";
    }
  }

  /**
   * Role chaining: the source is itself a role profile, already resolved (recursively), whose
   * session signs the AssumeRole call of the child.
   *
   * @param parent the resolved source profile; {@link ResolvedProfile#isRole()} is true
   */
  record RoleSource(ResolvedProfile parent) implements Source {

    public RoleSource {
      Objects.requireNonNull(parent, "parent");
    }
  }

  /**
   * {@code credential_source}: the credentials of the environment the process runs in.
   *
   * @param name one of {@link #NAMES}: {@code Environment}, {@code Ec2InstanceMetadata}, {@code
   *     EcsContainer}
   */
  record CredentialSource(String name) implements Source {

    /** The values the AWS SDKs accept, matched case-sensitively as botocore does. */
    public static final Set<String> NAMES =
        Set.of("Environment", "Ec2InstanceMetadata", "EcsContainer");

    public CredentialSource {
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException(
            "credential_source must be Environment, Ec2InstanceMetadata or EcsContainer");
      }
    }
  }

  /**
   * {@code credential_process}: a command whose standard output is the credentials JSON (AWS CLI
   * format).
   *
   * @param command the command line as written in the profile, never blank
   */
  record CredentialProcess(String command) implements Source {

    public CredentialProcess {
      if (command == null || command.isBlank()) {
        throw new IllegalArgumentException("credential_process must not be blank");
      }
    }
  }

  /**
   * IAM Identity Center: role credentials from the SSO portal, with the access token the sign-in
   * left in the AWS CLI's token cache.
   *
   * @param profile the profile holding the SSO settings (for a role profile: its {@code
   *     source_profile})
   * @param settings the SSO settings of that profile
   */
  record Sso(String profile, SsoSettings settings) implements Source {

    public Sso {
      Objects.requireNonNull(profile, "profile");
      Objects.requireNonNull(settings, "settings");
    }
  }

  /**
   * {@code web_identity_token_file} of a role profile (it wins over {@code source_profile} and
   * {@code credential_source}, as in botocore and the Java SDK): AssumeRoleWithWebIdentity with the
   * token in that file, read again for every call (the file is rotated by whoever writes it).
   *
   * @param tokenFile the path as written in the profile, never blank
   */
  record WebIdentity(String tokenFile) implements Source {

    public WebIdentity {
      if (tokenFile == null || tokenFile.isBlank()) {
        throw new IllegalArgumentException("web_identity_token_file must not be blank");
      }
    }
  }

  /**
   * {@code login_session}: a console sign-in session (the AWS CLI's {@code aws login}) whose
   * credentials are refreshed through AWS Sign-In with the token the sign-in left in the login
   * cache. Checked after IAM Identity Center and before {@code credential_process} and keys, as the
   * SDK for Java v2 does.
   *
   * @param profile the profile holding {@code login_session} (for a role profile: its {@code
   *     source_profile}); its own {@code region} and endpoint settings choose where Sign-In calls
   *     go
   * @param session the {@code login_session} value (the signed-in principal's ARN), never blank
   * @param caBundle that profile's {@code ca_bundle}, trusted by its Sign-In calls, or null
   */
  record LoginSession(String profile, String session, String caBundle) implements Source {

    public LoginSession {
      Objects.requireNonNull(profile, "profile");
      if (session == null || session.isBlank()) {
        throw new IllegalArgumentException("login_session must not be blank");
      }
    }
  }
}
