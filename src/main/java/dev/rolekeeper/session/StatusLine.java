package dev.rolekeeper.session;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Builds one session's {@link SessionStatus}, on the manager's context (it reads the shared MFA
 * sessions).
 */
final class StatusLine {

  /** An STS call running longer than this is shown as "waiting for STS since T". */
  static final Duration SLOW_CALL = Duration.ofSeconds(1);

  private StatusLine() {}

  static SessionStatus of(
      String profile,
      Plan plan,
      SessionSnapshot snapshot,
      String state,
      Instant stsCallSince,
      Instant now,
      SessionServices services) {
    RoleHop hop = plan.hop();
    return new SessionStatus(
        profile,
        plan.describe(),
        hop.roleArn(),
        plan.mfaDevice(),
        new SessionStatus.Refresh(
            state,
            snapshot.credentials() == null ? null : snapshot.credentials().expiration(),
            snapshot.nextRefresh(),
            nextCodeNeeded(plan, snapshot.nextRefresh(), services),
            lastError(snapshot.error(), stsCallSince, now)),
        new SessionStatus.Sts(
            hop.roleArn() == null || hop.route() == null ? null : hop.route().target().describe(),
            hop.route() == null ? null : hop.route().target().profileRegion(),
            services.fetcher().describeNetwork(hop)));
  }

  private static String lastError(String error, Instant stsCallSince, Instant now) {
    if (stsCallSince == null || Duration.between(stsCallSince, now).compareTo(SLOW_CALL) < 0) {
      return error;
    }
    String waiting = "waiting for STS since " + stsCallSince.truncatedTo(ChronoUnit.SECONDS);
    return error == null ? waiting : waiting + " (before that: " + error + ")";
  }

  /**
   * When a code will next be asked for: at the next refresh if it needs one, else when the MFA
   * session ends.
   */
  private static Instant nextCodeNeeded(Plan plan, Instant nextRefresh, SessionServices services) {
    String device = plan.mfaDevice();
    if (device == null || nextRefresh == null) {
      return null;
    }
    if (plan.deviceNeededAt(nextRefresh, services.fetcher()) != null) {
      return nextRefresh;
    }
    Instant sessionEnds = services.fetcher().mfaSessions().expiration(device);
    return sessionEnds == null ? nextRefresh : sessionEnds.minus(services.policy().mfaLeadTime());
  }
}
