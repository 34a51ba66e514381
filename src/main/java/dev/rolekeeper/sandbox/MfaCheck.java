package dev.rolekeeper.sandbox;

import dev.rolekeeper.sandbox.SimulatorConfig.MfaDevice;
import java.util.Optional;

/**
 * Checks the {@code SerialNumber} + {@code TokenCode} pair of a request against the MFA device of
 * the IAM user behind the caller, refusing replayed codes.
 */
final class MfaCheck {

  /** What the check found: no MFA offered, MFA accepted, or a refusal. */
  sealed interface Outcome permits NotOffered, Verified, Refused {}

  record NotOffered() implements Outcome {}

  record Verified() implements Outcome {}

  record Refused(StsError error) implements Outcome {}

  private final CredentialStore store;
  private final TotpVerifier totp;

  MfaCheck(CredentialStore store, TotpVerifier totp) {
    this.store = store;
    this.totp = totp;
  }

  Outcome check(StsAction.Call call) {
    Optional<String> serial = call.param("SerialNumber");
    Optional<String> code = call.param("TokenCode");
    if (serial.isEmpty() && code.isEmpty()) {
      return new NotOffered();
    }
    Optional<MfaDevice> device = store.user(call.caller().userName()).flatMap(u -> u.mfaDevice());
    if (serial.isEmpty() || device.isEmpty() || !device.get().serialArn().equals(serial.get())) {
      return new Refused(StsError.accessDenied(StsError.UNKNOWN_MFA));
    }
    if (code.isEmpty()) {
      return new Refused(StsError.accessDenied(StsError.INVALID_MFA));
    }
    TotpVerifier.Result result =
        totp.verify(serial.get(), device.get().base32Secret(), code.get(), call.now());
    return result == TotpVerifier.Result.ACCEPTED
        ? new Verified()
        : new Refused(StsError.accessDenied(StsError.INVALID_MFA));
  }
}
