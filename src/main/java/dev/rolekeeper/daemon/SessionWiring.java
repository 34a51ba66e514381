package dev.rolekeeper.daemon;

import dev.rolekeeper.config.Settings;
import dev.rolekeeper.credfile.CredentialsSync;
import dev.rolekeeper.credfile.SyncSettings;
import dev.rolekeeper.mfa.PromptedCodes;
import dev.rolekeeper.paths.UserPaths;
import dev.rolekeeper.process.ProcessRunner;
import dev.rolekeeper.session.Plan;
import dev.rolekeeper.session.RefreshPolicy;
import dev.rolekeeper.session.RoleHop;
import dev.rolekeeper.session.SessionDirectory;
import dev.rolekeeper.session.SessionManager;
import dev.rolekeeper.sts.AwsNetwork;
import dev.rolekeeper.sts.SdkStsGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The sessions of the served profiles and what follows them: the STS client they call, the
 * credentials-file sync fed by every refresh, and a retry of waiting profiles after an SSO sign-in.
 *
 * @param gateway the STS client the sessions call
 * @param sessions the sessions, not yet deployed
 * @param sync the credentials-file sync, listening to the sessions
 */
record SessionWiring(SdkStsGateway gateway, SessionManager sessions, CredentialsSync sync) {

  static SessionWiring create(
      Vertx vertx,
      Settings settings,
      UserPaths locations,
      ServedPlans planned,
      PromptWiring prompts,
      SsoWiring sso,
      ProcessRunner processes,
      AwsNetwork network) {
    SdkStsGateway gateway =
        // AWS_ENDPOINT_URL_STS is a profile's setting like the others (the plans carry it).
        new SdkStsGateway(
            settings.sts().endpoint().orElse(null), settings.sts().callTimeout(), network);
    SessionManager sessions =
        new SessionManager(
                planned.plans(),
                new LinkedHashSet<>(planned.served()),
                gateway,
                new PromptedCodes(prompts.mfa().prompts()),
                RefreshPolicy.from(settings, DaemonTuning.COLD_START_WAIT),
                Clock.systemUTC())
            .withProcesses(processes);
    CredentialsSync sync =
        new CredentialsSync(
            vertx, SyncSettings.from(settings.sync(), locations.syncFile(settings.sync().file())));
    sessions.addListener(sync::sessionRefreshed);
    sso.sessions().onSignedIn(name -> refreshWaiting(sessions));
    return new SessionWiring(gateway, sessions, sync);
  }

  /**
   * Builds the STS clients for every planned endpoint, region and CA bundle on a worker thread, so
   * that it runs while the endpoint opens (on 2 cores, side by side) and the first fetch pays for
   * neither.
   */
  Future<Void> prepareSts(Vertx vertx, ServedPlans planned) {
    List<RoleHop> hops =
        planned.plans().values().stream().map(Plan::hop).filter(hop -> hop.sts() != null).toList();
    return vertx.executeBlocking(
        () -> {
          // A client already made (same endpoint, region and CA bundle) is looked up, not remade.
          hops.forEach(hop -> gateway.prepare(hop.sts(), hop.caBundle()));
          return null;
        },
        false);
  }

  /**
   * After a sign-in: every served profile without valid credentials tries again now, not after its
   * backoff.
   */
  private static void refreshWaiting(SessionManager sessions) {
    sessions.profiles().stream()
        .filter(profile -> !(sessions.lookup(profile) instanceof SessionDirectory.Lookup.Available))
        .forEach(sessions::refresh);
  }
}
