package dev.rolekeeper.session;

import dev.rolekeeper.sandbox.SimulatorConfig;
import dev.rolekeeper.sandbox.SimulatorConfig.MfaDevice;
import dev.rolekeeper.sandbox.SimulatorConfig.SimRole;
import dev.rolekeeper.sandbox.SimulatorConfig.SimUser;
import dev.rolekeeper.sandbox.Totp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A simulated account for the MFA tests: user {@code carol} with one virtual MFA device, and three
 * roles ({@code ops-a}, {@code ops-b}, {@code ops-c}) that all demand MFA and allow 12-hour
 * sessions.
 */
final class MfaAccount {

  static final String ACCOUNT = SessionFixture.ACCOUNT;
  static final String DEVICE = "arn:aws:iam::" + ACCOUNT + ":mfa/carol";

  /** Base32 of the RFC 6238 test key "12345678901234567890". */
  static final String SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

  static final SimUser CAROL =
      new SimUser(
          "carol",
          ACCOUNT,
          "AKIASIMCAROL00000003",
          "carolSecretKey00000000000000000000000003",
          new MfaDevice(DEVICE, SECRET));
  static final List<String> ROLES = List.of("ops-a", "ops-b", "ops-c");

  private MfaAccount() {}

  static SimulatorConfig config() {
    SimulatorConfig.Builder builder = SimulatorConfig.builder().user(CAROL);
    ROLES.forEach(
        name -> builder.role(new SimRole(roleArn(name), List.of(CAROL.arn()), true, 43200, null)));
    return builder.build();
  }

  static String roleArn(String name) {
    return "arn:aws:iam::" + ACCOUNT + ":role/" + name;
  }

  static String assumedArn(String role, String profile) {
    return "arn:aws:sts::" + ACCOUNT + ":assumed-role/" + role + "/test-" + profile;
  }

  /** The code carol's device shows at {@code time}. */
  static String codeAt(Instant time) {
    return Totp.generate(SECRET, time);
  }

  /**
   * A well-formed code STS refuses now: none of the codes of the steps it accepts around {@code
   * time}.
   */
  static String wrongCodeAt(Instant time) {
    Set<String> valid =
        Set.of(
            codeAt(time.minus(Totp.STEP)),
            codeAt(time),
            codeAt(time.plus(Totp.STEP)),
            codeAt(time.plus(Duration.ofSeconds(60))));
    int candidate = 0;
    while (valid.contains(String.format("%06d", candidate))) {
      candidate++;
    }
    return String.format("%06d", candidate);
  }
}
