package dev.rolekeeper.session;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.process.ProcessRunner;
import dev.rolekeeper.sts.AssumeRoleCall;
import dev.rolekeeper.sts.SessionTokenCall;
import dev.rolekeeper.sts.StsGateway;
import dev.rolekeeper.sts.StsOutcome;
import dev.rolekeeper.sts.StsOutcome.FailureKind;
import dev.rolekeeper.sts.WebIdentityCall;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * Obtains credentials for a plan: the STS calls, the rounds of asking for an MFA code, the shared
 * {@link MfaSessions} and the credentials of source profiles that plans are made of. Every blocking
 * call runs on a worker thread (STS), or a pool of the process runner (a credential process); the
 * futures complete back on the session manager's context, which also owns the MFA sessions.
 */
public final class CredentialFetcher {

  /** How many refused codes one refresh asks again for before it gives up until the next retry. */
  private static final int MAX_CODE_ATTEMPTS = 5;

  /** Source credentials with less life than this are renewed before they sign a call. */
  static final Duration SOURCE_FLOOR = Duration.ofMinutes(1);

  /** What the fetcher reads of the manager's current plans; called on the manager's context. */
  interface Plans {
    /** The session of a planned profile (a chain's parent); throws when there is none. */
    Session session(String profile);

    /** The served profiles whose plans need codes from {@code device}, sorted. */
    List<String> profilesOnDevice(String device);

    /** The first hop sharing an MFA session of {@code device}: its STS target and CA bundle. */
    RoleHop mfaHop(String device);
  }

  /**
   * Whom the fetcher asks for credentials beyond the sessions themselves.
   *
   * @param sts the STS calls
   * @param processes runs {@code credential_process} commands
   * @param codes the person who types MFA codes
   */
  record Upstream(StsGateway sts, ProcessRunner processes, CodeSource codes) {}

  private final Vertx vertx;
  private final Clock clock;
  private final Plans plans;
  private final Upstream upstream;
  private final MfaSessions mfaSessions;

  CredentialFetcher(
      Vertx vertx, Clock clock, int mfaSessionSeconds, Plans plans, Upstream upstream) {
    this.vertx = vertx;
    this.clock = clock;
    this.plans = plans;
    this.upstream = upstream;
    this.mfaSessions = new MfaSessions(this, plans, clock, mfaSessionSeconds);
  }

  Future<AwsCredentials> keys(KeySource source) {
    if (source instanceof ProcessKeySource process) {
      return process.fetch(upstream.processes());
    }
    return vertx.executeBlocking(source::load, false);
  }

  Future<AwsCredentials> assume(
      RoleHop hop, AwsCredentials source, String device, String code, Session session) {
    RoleHop asked = source.isTemporary() ? hop.cappedForTemporaryCaller() : hop;
    AssumeRoleCall call =
        new AssumeRoleCall(
            source,
            new AssumeRoleCall.Role(
                asked.roleArn(), asked.sessionName(), asked.durationSeconds(), asked.externalId()),
            device,
            code,
            asked.route().target(),
            asked.route().caBundle());
    return sts(session, () -> upstream.sts().assumeRole(call));
  }

  /** Reads the token file afresh on a worker, then AssumeRoleWithWebIdentity with it. */
  Future<AwsCredentials> webIdentity(RoleHop hop, String tokenFile, Session session) {
    return vertx
        .executeBlocking(() -> TokenFile.read(tokenFile, hop.profile()), false)
        .compose(
            token ->
                sts(
                    session,
                    () ->
                        upstream
                            .sts()
                            .assumeRoleWithWebIdentity(
                                new WebIdentityCall(
                                    hop.roleArn(),
                                    hop.sessionName(),
                                    hop.durationSeconds(),
                                    token,
                                    hop.route().target(),
                                    hop.route().caBundle()))));
  }

  /** The proxy and CA bundle of the STS calls for {@code hop}, or null when it calls no STS. */
  String describeNetwork(RoleHop hop) {
    return hop.roleArn() == null || hop.route() == null
        ? null
        : upstream.sts().describeNetwork(hop.route().target(), hop.route().caBundle());
  }

  Future<AwsCredentials> sessionToken(SessionTokenCall call, Session session) {
    return sts(session, () -> upstream.sts().getSessionToken(call));
  }

  /** One STS call on a worker; the session shows it as "waiting for STS" while it is slow. */
  private Future<AwsCredentials> sts(Session session, Callable<StsOutcome> call) {
    session.stsCall(clock.instant());
    return vertx
        .executeBlocking(call, false)
        .andThen(done -> session.stsCall(null))
        .compose(CredentialFetcher::issued);
  }

  Future<AwsCredentials> parent(String profile) {
    return plans.session(profile).sourceCredentials(clock.instant().plus(SOURCE_FLOOR));
  }

  void forgetParent(String profile) {
    plans.session(profile).markSourceStale();
  }

  MfaSessions mfaSessions() {
    return mfaSessions;
  }

  /**
   * Asks for a code and runs {@code attempt} with it; when STS refuses the code, asks again saying
   * why, a bounded number of times. Codes are passed straight through and never kept.
   */
  Future<AwsCredentials> withCode(
      String device, Session session, Function<String, Future<AwsCredentials>> attempt) {
    return withCode(
        device, session, attempt, "a refresh of " + session.profile() + " needs a code", 1);
  }

  private Future<AwsCredentials> withCode(
      String device,
      Session session,
      Function<String, Future<AwsCredentials>> attempt,
      String reason,
      int attemptNo) {
    session.awaitingCode(device);
    return upstream
        .codes()
        .requestCode(device, plans.profilesOnDevice(device), session.expiration(), reason)
        .andThen(ignored -> session.awaitingCode(null))
        .compose(
            code ->
                attempt
                    .apply(code)
                    .onSuccess(
                        issued ->
                            upstream
                                .codes()
                                .verdict(
                                    device,
                                    new CodeSource.CodeVerdict.Accepted(issued.expiration()))))
        .recover(
            error -> {
              boolean askAgain = isRefusedCode(error) && attemptNo < MAX_CODE_ATTEMPTS;
              Future<AwsCredentials> next =
                  askAgain
                      ? withCode(
                          device,
                          session,
                          attempt,
                          "STS refused the last code: it was wrong, or was already used"
                              + " (then wait for the next code)",
                          attemptNo + 1)
                      : Future.failedFuture(error);
              // Told after the next prompt is up, so whoever typed the refused code can be offered
              // that prompt at once.
              if (error instanceof StsFailureException sts) {
                upstream
                    .codes()
                    .verdict(
                        device,
                        isRefusedCode(error)
                            ? new CodeSource.CodeVerdict.Refused(sts.failure().message())
                            : new CodeSource.CodeVerdict.NotChecked(sts.failure().message()));
              }
              return next;
            });
  }

  private static boolean isRefusedCode(Throwable error) {
    return error instanceof StsFailureException sts
        && sts.failure().kind() == FailureKind.MFA_REJECTED;
  }

  private static Future<AwsCredentials> issued(StsOutcome outcome) {
    if (outcome instanceof StsOutcome.Issued issued) {
      return Future.succeededFuture(issued.credentials());
    }
    return Future.failedFuture(new StsFailureException((StsOutcome.Failed) outcome));
  }
}
