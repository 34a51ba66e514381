package dev.rolekeeper.session;

import dev.rolekeeper.sts.AssumeRoleCall;
import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.sts.StsGateway;
import dev.rolekeeper.sts.StsOutcome;
import dev.rolekeeper.sts.StsOutcome.FailureKind;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * The building blocks plans are made of. Every blocking call (STS, a credential process) runs on a worker thread;
 * the futures complete back on the session manager's context.
 */
public final class Steps {

  /** How many refused codes one refresh asks again for before it gives up until the next retry. */
  private static final int MAX_CODE_ATTEMPTS = 5;
  /** Source credentials with less life than this are renewed before they sign a call. */
  private static final Duration SOURCE_FLOOR = Duration.ofMinutes(1);

  private final Vertx vertx;
  private final StsGateway gateway;
  private final CodeSource codes;
  private final Clock clock;
  private final SessionManager manager;

  Steps(Vertx vertx, StsGateway gateway, CodeSource codes, Clock clock, SessionManager manager) {
    this.vertx = vertx;
    this.gateway = gateway;
    this.codes = codes;
    this.clock = clock;
    this.manager = manager;
  }

  Future<AwsCredentials> keys(KeySource source) {
    return vertx.executeBlocking(source::load, false);
  }

  Future<AwsCredentials> assume(RoleHop hop, AwsCredentials source, String device, String code) {
    RoleHop asked = source.isTemporary() ? hop.cappedForTemporaryCaller() : hop;
    AssumeRoleCall call = new AssumeRoleCall(source, asked.roleArn(), asked.sessionName(), asked.durationSeconds(),
        asked.externalId(), device, code, asked.region());
    return vertx.executeBlocking(() -> gateway.assumeRole(call), false).compose(Steps::issued);
  }

  Future<AwsCredentials> sessionToken(dev.rolekeeper.sts.SessionTokenCall call) {
    return vertx.executeBlocking(() -> gateway.getSessionToken(call), false).compose(Steps::issued);
  }

  Future<AwsCredentials> parent(String profile) {
    return manager.session(profile).sourceCredentials(clock.instant().plus(SOURCE_FLOOR));
  }

  void forgetParent(String profile) {
    manager.session(profile).markSourceStale();
  }

  Future<AwsCredentials> mfaSession(String device, KeySource keys, Session session) {
    MfaSessionHolder holder = manager.mfaSession(device, keys);
    Instant validAt = clock.instant().plus(SOURCE_FLOOR);
    if (holder.validAt(validAt)) {
      return holder.credentials(validAt, session);
    }
    // Every profile joining a renewal waits on the same code: each reports it.
    session.awaitingCode(device);
    return holder.credentials(validAt, session).andThen(ignored -> session.awaitingCode(null));
  }

  boolean mfaSessionValidAt(String device, KeySource keys, Instant when) {
    return manager.mfaSession(device, keys).validAt(when.plus(SOURCE_FLOOR));
  }

  void forgetMfaSession(String device, KeySource keys) {
    manager.mfaSession(device, keys).forget();
  }

  /**
   * Asks for a code and runs {@code attempt} with it; when STS refuses the code, asks again saying why, a bounded
   * number of times. Codes are passed straight through and never kept.
   */
  Future<AwsCredentials> withCode(String device, Session session, Function<String, Future<AwsCredentials>> attempt) {
    return withCode(device, session, attempt, "a refresh of " + session.profile() + " needs a code", 1);
  }

  private Future<AwsCredentials> withCode(String device, Session session,
      Function<String, Future<AwsCredentials>> attempt, String reason, int attemptNo) {
    session.awaitingCode(device);
    return codes.requestCode(device, manager.profilesOnDevice(device), session.expiration(), reason)
        .andThen(ignored -> session.awaitingCode(null))
        .compose(code -> attempt.apply(code)
            .onSuccess(issued -> codes.verdict(device, new CodeSource.CodeVerdict.Accepted(issued.expiration()))))
        .recover(error -> {
          boolean askAgain = isRefusedCode(error) && attemptNo < MAX_CODE_ATTEMPTS;
          Future<AwsCredentials> next = askAgain
              ? withCode(device, session, attempt, "STS refused the last code: it was wrong, or was already used"
                  + " (then wait for the next code)", attemptNo + 1)
              : Future.failedFuture(error);
          // Told after the next prompt is up, so whoever typed the refused code can be offered that prompt at once.
          if (error instanceof StsFailureException sts) {
            codes.verdict(device, isRefusedCode(error) ? new CodeSource.CodeVerdict.Refused(sts.failure().message())
                : new CodeSource.CodeVerdict.NotChecked(sts.failure().message()));
          }
          return next;
        });
  }

  private static boolean isRefusedCode(Throwable error) {
    return error instanceof StsFailureException sts && sts.failure().kind() == FailureKind.MFA_REJECTED;
  }

  private static Future<AwsCredentials> issued(StsOutcome outcome) {
    if (outcome instanceof StsOutcome.Issued issued) {
      return Future.succeededFuture(issued.credentials());
    }
    return Future.failedFuture(new StsFailureException((StsOutcome.Failed) outcome));
  }
}
