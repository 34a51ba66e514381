package dev.rolekeeper.sandbox;

import dev.rolekeeper.sandbox.SimulatorConfig.MfaDevice;
import dev.rolekeeper.sandbox.SimulatorConfig.SimRole;
import dev.rolekeeper.sandbox.SimulatorConfig.SimUser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulated account {@code rolekeeper demo} runs against, and the AWS files that describe it to
 * the daemon: user {@code alice} (no MFA) whose role {@code dev} chains into {@code readonly}; with
 * MFA, user {@code bob} whose role {@code admin} needs a code from a virtual device with a fresh
 * random secret. Role {@code ops} is for the sign-ins: IAM Identity Center's {@code Developer} and
 * alice's console sessions ({@code aws login}) chain into it.
 *
 * @param config the simulator's users and roles
 * @param mfaSecret bob's TOTP secret (base32), shown to the user so any authenticator can make
 *     codes
 */
public record DemoAccount(SimulatorConfig config, String mfaSecret) {

  public static final String ACCOUNT = "111122223333";
  public static final String DEV_PROFILE = "demo-dev";
  public static final String READONLY_PROFILE = "demo-readonly";
  public static final String MFA_PROFILE = "demo-admin";
  public static final String MFA_DEVICE = "arn:aws:iam::" + ACCOUNT + ":mfa/bob";

  /**
   * The IAM Identity Center profile, its SSO session, its permission set, and a role chained from
   * it.
   */
  public static final String SSO_PROFILE = "demo-sso";

  public static final String SSO_SESSION = "demo";
  public static final String SSO_ROLE = "Developer";
  public static final String SSO_CHAINED_PROFILE = "demo-sso-ops";
  public static final String SSO_START_URL = "https://demo.awsapps.com/start";

  /** The console sign-in profile ({@code login_session}) and a role chained from it. */
  public static final String LOGIN_PROFILE = "demo-login";

  public static final String LOGIN_CHAINED_PROFILE = "demo-login-ops";
  private static final String ROLE = "arn:aws:iam::" + ACCOUNT + ":role/";

  /** A new demo account; the MFA secret is random for every demo. */
  public static DemoAccount create() {
    byte[] key = new byte[20];
    new SecureRandom().nextBytes(key);
    String secret = Base32.encode(key).replace("=", "");
    SimUser alice =
        new SimUser(
            "alice",
            ACCOUNT,
            "AKIASIMALICE00000001",
            "aliceSecretKey0000000000000000000000000001",
            null);
    SimUser bob =
        new SimUser(
            "bob",
            ACCOUNT,
            "AKIASIMBOB0000000002",
            "bobSecretKey000000000000000000000000000002",
            new MfaDevice(MFA_DEVICE, secret));
    SimulatorConfig config =
        SimulatorConfig.builder()
            .user(alice)
            .user(bob)
            .role(new SimRole(ROLE + "dev", List.of(alice.arn()), false, 3600, null))
            .role(new SimRole(ROLE + "readonly", List.of(ROLE + "dev"), false, 3600, null))
            .role(new SimRole(ROLE + "admin", List.of(bob.arn()), true, 43200, null))
            .role(
                new SimRole(
                    ROLE + "ops",
                    List.of(SsoDirectory.roleArn(ACCOUNT, SSO_ROLE), alice.arn()),
                    false,
                    3600,
                    null))
            .build();
    return new DemoAccount(config, secret);
  }

  /** The served profiles, the first being the one whose exports the demo prints. */
  public List<String> profiles(boolean withMfa) {
    List<String> names = new ArrayList<>();
    if (withMfa) {
      names.add(MFA_PROFILE);
    }
    names.add(DEV_PROFILE);
    names.add(READONLY_PROFILE);
    return names;
  }

  /**
   * Writes {@code config} and {@code credentials} for the demo profiles into {@code dir} (0600
   * files): the ones {@link #profiles} serves, so nothing listed there goes unexplained.
   *
   * @param withMfa whether {@code demo-admin} (bob's role behind an MFA device) and bob's keys are
   *     in them
   */
  public void writeAwsFiles(Path dir, String region, boolean withMfa) throws IOException {
    Files.createDirectories(dir);
    SimUser alice = config.users().get(0);
    SimUser bob = config.users().get(1);
    List<String> profiles =
        new ArrayList<>(
            List.of(
                "# Written by `rolekeeper demo`: role profiles of the simulated account "
                    + ACCOUNT
                    + ".",
                "[profile " + DEV_PROFILE + "]",
                "role_arn = " + ROLE + "dev",
                "source_profile = demo-alice",
                "region = " + region,
                "",
                "[profile " + READONLY_PROFILE + "]",
                "role_arn = " + ROLE + "readonly",
                "source_profile = " + DEV_PROFILE,
                ""));
    List<String> keys =
        new ArrayList<>(
            List.of(
                "# Written by `rolekeeper demo`: the simulated users' long-term keys (valid only in"
                    + " the simulator).",
                "[demo-alice]",
                "aws_access_key_id = " + alice.accessKeyId(),
                "aws_secret_access_key = " + alice.secretAccessKey(),
                ""));
    if (withMfa) {
      profiles.addAll(
          List.of(
              "[profile " + MFA_PROFILE + "]",
              "role_arn = " + ROLE + "admin",
              "source_profile = demo-bob",
              "mfa_serial = " + MFA_DEVICE,
              "duration_seconds = 3600",
              ""));
      keys.addAll(
          List.of(
              "[demo-bob]",
              "aws_access_key_id = " + bob.accessKeyId(),
              "aws_secret_access_key = " + bob.secretAccessKey(),
              ""));
    }
    write(dir.resolve("config"), String.join("\n", profiles));
    write(dir.resolve("credentials"), String.join("\n", keys));
  }

  /** Gives the simulator's Identity Center user the demo permission set. */
  public void assignSso(StsSimulator simulator) {
    simulator.sso().assign(ACCOUNT, SSO_ROLE);
  }

  /**
   * Adds the IAM Identity Center profiles (an sso-session, its profile, a role chained from it) to
   * {@code config}.
   */
  public void appendSsoProfiles(Path dir, String region) throws IOException {
    Files.writeString(
        dir.resolve("config"),
        String.join(
            "\n",
            "",
            "[sso-session " + SSO_SESSION + "]",
            "sso_start_url = " + SSO_START_URL,
            "sso_region = " + region,
            "sso_registration_scopes = sso:account:access",
            "",
            "[profile " + SSO_PROFILE + "]",
            "sso_session = " + SSO_SESSION,
            "sso_account_id = " + ACCOUNT,
            "sso_role_name = " + SSO_ROLE,
            "region = " + region,
            "",
            "[profile " + SSO_CHAINED_PROFILE + "]",
            "role_arn = " + ROLE + "ops",
            "source_profile = " + SSO_PROFILE,
            ""),
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
  }

  /**
   * Adds the console sign-in profiles to {@code config}: one whose {@code login_session} is {@code
   * consoleUser} (the simulator's console user), and a role chained from it.
   */
  public void appendLoginProfiles(Path dir, String region, String consoleUser) throws IOException {
    Files.writeString(
        dir.resolve("config"),
        String.join(
            "\n",
            "",
            "[profile " + LOGIN_PROFILE + "]",
            "login_session = " + consoleUser,
            "region = " + region,
            "",
            "[profile " + LOGIN_CHAINED_PROFILE + "]",
            "role_arn = " + ROLE + "ops",
            "source_profile = " + LOGIN_PROFILE,
            ""),
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
  }

  private static void write(Path file, String text) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return "DemoAccount[" + ACCOUNT + "]";
  }
}
