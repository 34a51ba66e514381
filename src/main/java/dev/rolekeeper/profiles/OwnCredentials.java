package dev.rolekeeper.profiles;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The credentials a profile gives of its own, not as a role, in the AWS SDK for Java v2's order
 * ({@code ProfileCredentialsUtils}): IAM Identity Center settings, then {@code login_session}, then
 * {@code credential_process}, then static keys. The first one present wins; the others are ignored,
 * as the SDK ignores them.
 */
final class OwnCredentials {

  private final SsoResolver sso;

  OwnCredentials(SsoResolver sso) {
    this.sso = sso;
  }

  /**
   * The profile's own credentials, or empty when it has none.
   *
   * @throws ProfileException when the SSO settings are incomplete or only half of a key pair is set
   */
  Optional<Source> of(RawProfile raw) throws ProfileException {
    Optional<Source.Sso> identityCenter = sso.source(raw);
    if (identityCenter.isPresent()) {
      return Optional.of(identityCenter.get());
    }
    Optional<String> login = raw.get(ProfileKeys.LOGIN_SESSION);
    if (login.isPresent()) {
      return Optional.of(
          new Source.LoginSession(
              raw.name(), login.get(), raw.get(ProfileKeys.CA_BUNDLE).orElse(null)));
    }
    Optional<String> process = raw.get(ProfileKeys.CREDENTIAL_PROCESS);
    if (process.isPresent()) {
      return Optional.of(new Source.CredentialProcess(process.get()));
    }
    return staticKeys(raw).map(Source.class::cast);
  }

  /** The file that holds the setting {@code own} was read from, or null when unknown. */
  static Path file(RawProfile raw, Source own) {
    String key = ProfileKeys.ACCESS_KEY_ID;
    if (own instanceof Source.Sso) {
      key = ProfileKeys.SSO_ACCOUNT_ID;
    } else if (own instanceof Source.LoginSession) {
      key = ProfileKeys.LOGIN_SESSION;
    } else if (own instanceof Source.CredentialProcess) {
      key = ProfileKeys.CREDENTIAL_PROCESS;
    }
    return raw.origins().get(key);
  }

  static Optional<Source.StaticKeys> staticKeys(RawProfile raw) throws ProfileException {
    Optional<String> id = raw.get(ProfileKeys.ACCESS_KEY_ID);
    Optional<String> secret = raw.get(ProfileKeys.SECRET_ACCESS_KEY);
    if (id.isPresent() != secret.isPresent()) {
      String missing = id.isPresent() ? ProfileKeys.SECRET_ACCESS_KEY : ProfileKeys.ACCESS_KEY_ID;
      String present = id.isPresent() ? ProfileKeys.ACCESS_KEY_ID : ProfileKeys.SECRET_ACCESS_KEY;
      throw new ProfileException(
          raw.where(present) + " has " + present + " but no " + missing + hint(raw));
    }
    if (id.isEmpty()) {
      return Optional.empty();
    }
    String token = raw.get(ProfileKeys.SESSION_TOKEN).orElse(null);
    return Optional.of(new Source.StaticKeys(id.get(), secret.get(), token));
  }

  /** Names the keys the SDKs ignore because of their case, for an error about {@code raw}. */
  static String hint(RawProfile raw) {
    List<String> miscased = raw.miscasedKeys();
    return miscased.isEmpty()
        ? ""
        : " (ignored " + miscased + ": property names are case-sensitive and must be lower case)";
  }
}
