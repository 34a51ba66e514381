package dev.rolekeeper.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the STS simulator knows: IAM users (with their long-term keys and optional virtual MFA
 * device) and roles (with their trust rules). Immutable; build with {@link #builder()} or take the
 * ready-made {@link #demo()} set.
 *
 * @param users the IAM users whose long-term keys may sign requests
 * @param roles the roles that may be assumed
 */
public record SimulatorConfig(List<SimUser> users, List<SimRole> roles) {

  private static final Pattern ROLE_ARN =
      Pattern.compile("arn:aws:iam::(\\d{12}):role/(?:[\\w+=,.@-]+/)*([\\w+=,.@-]+)");

  public SimulatorConfig {
    users = List.copyOf(users);
    roles = List.copyOf(roles);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Optional<SimUser> userByAccessKey(String accessKeyId) {
    return users.stream().filter(u -> u.accessKeyId().equals(accessKeyId)).findFirst();
  }

  public Optional<SimRole> role(String arn) {
    return roles.stream().filter(r -> r.arn().equals(arn)).findFirst();
  }

  /**
   * A small account for demos and tests: {@code alice} (no MFA) may assume {@code dev}; {@code bob}
   * (virtual MFA) may assume {@code admin}, which needs MFA and allows 12-hour sessions; {@code
   * dev} may chain into {@code readonly}; {@code partner} needs the external id {@code
   * partner-ext-1}.
   */
  public static SimulatorConfig demo() {
    String account = "111122223333";
    SimUser alice =
        new SimUser(
            "alice",
            account,
            "AKIASIMALICE00000001",
            "aliceSecretKey0000000000000000000000000001",
            null);
    MfaDevice bobMfa =
        new MfaDevice("arn:aws:iam::" + account + ":mfa/bob", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
    SimUser bob =
        new SimUser(
            "bob",
            account,
            "AKIASIMBOB0000000002",
            "bobSecretKey000000000000000000000000000002",
            bobMfa);
    String dev = "arn:aws:iam::" + account + ":role/dev";
    return builder()
        .user(alice)
        .user(bob)
        .role(new SimRole(dev, List.of(alice.arn(), bob.arn()), false, 3600, null))
        .role(
            new SimRole(
                "arn:aws:iam::" + account + ":role/admin", List.of(bob.arn()), true, 43200, null))
        .role(
            new SimRole(
                "arn:aws:iam::" + account + ":role/readonly",
                List.of(dev, account),
                false,
                3600,
                null))
        .role(
            new SimRole(
                "arn:aws:iam::" + account + ":role/partner",
                List.of(account),
                false,
                3600,
                "partner-ext-1"))
        .build();
  }

  /** Collects users and roles; refuses duplicates with a message naming them. */
  public static final class Builder {
    private final List<SimUser> users = new ArrayList<>();
    private final List<SimRole> roles = new ArrayList<>();

    private Builder() {}

    public Builder user(SimUser user) {
      if (users.stream().anyMatch(u -> u.accessKeyId().equals(user.accessKeyId()))) {
        throw new IllegalArgumentException(
            "two simulator users share the access key of user " + user.name());
      }
      users.add(user);
      return this;
    }

    public Builder role(SimRole role) {
      if (roles.stream().anyMatch(r -> r.arn().equals(role.arn()))) {
        throw new IllegalArgumentException("simulator role defined twice: " + role.arn());
      }
      roles.add(role);
      return this;
    }

    public SimulatorConfig build() {
      return new SimulatorConfig(users, roles);
    }
  }

  /**
   * An IAM user with long-term keys ({@code AKIA…}).
   *
   * @param mfa the user's virtual MFA device, or {@code null}
   */
  public record SimUser(
      String name, String accountId, String accessKeyId, String secretAccessKey, MfaDevice mfa) {
    public SimUser {
      Objects.requireNonNull(name, "name");
      requireAccount(accountId);
      if (accessKeyId == null || !accessKeyId.startsWith("AKIA")) {
        throw new IllegalArgumentException(
            "simulator user " + name + ": long-term access key ids start with AKIA");
      }
      if (secretAccessKey == null || secretAccessKey.isBlank()) {
        throw new IllegalArgumentException("simulator user " + name + ": secretAccessKey is blank");
      }
    }

    public String arn() {
      return "arn:aws:iam::" + accountId + ":user/" + name;
    }

    public Optional<MfaDevice> mfaDevice() {
      return Optional.ofNullable(mfa);
    }

    @Override
    public String toString() {
      return "SimUser[name="
          + name
          + ", accountId="
          + accountId
          + ", accessKeyId="
          + accessKeyId
          + ", mfa="
          + mfa
          + "]";
    }
  }

  /**
   * A virtual MFA device.
   *
   * @param serialArn the serial number callers pass as {@code SerialNumber}
   * @param base32Secret the TOTP seed
   */
  public record MfaDevice(String serialArn, String base32Secret) {
    public MfaDevice {
      Objects.requireNonNull(serialArn, "serialArn");
      Base32.decode(Objects.requireNonNull(base32Secret, "base32Secret"));
    }

    @Override
    public String toString() {
      return "MfaDevice[serialArn=" + serialArn + "]";
    }
  }

  /**
   * A role and its trust rules.
   *
   * @param arn {@code arn:aws:iam::ACCOUNT:role/NAME}
   * @param trustedPrincipals who may assume it: user ARNs, role ARNs (role chaining), or an account
   *     (its 12-digit id or {@code arn:aws:iam::ACCOUNT:root}) for every principal of that account
   * @param requireMfa whether the caller must be MFA-authenticated
   * @param maxSessionSeconds the role's MaxSessionDuration, 3600 to 43200
   * @param externalId the ExternalId the caller must pass, or {@code null}
   */
  public record SimRole(
      String arn,
      List<String> trustedPrincipals,
      boolean requireMfa,
      int maxSessionSeconds,
      String externalId) {
    public SimRole {
      if (arn == null || !ROLE_ARN.matcher(arn).matches()) {
        throw new IllegalArgumentException(
            "simulator role ARN is not arn:aws:iam::<12 digits>:role/<name>: " + arn);
      }
      trustedPrincipals = List.copyOf(trustedPrincipals);
      if (maxSessionSeconds < 3600 || maxSessionSeconds > 43200) {
        throw new IllegalArgumentException(
            "simulator role " + arn + ": maxSessionSeconds must be 3600 to 43200");
      }
    }

    public String accountId() {
      return part(1);
    }

    public String name() {
      return part(2);
    }

    private String part(int group) {
      Matcher m = ROLE_ARN.matcher(arn);
      m.matches();
      return m.group(group);
    }
  }

  private static void requireAccount(String accountId) {
    if (accountId == null || !accountId.matches("\\d{12}")) {
      throw new IllegalArgumentException("account id must be 12 digits: " + accountId);
    }
  }
}
