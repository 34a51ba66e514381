package dev.rolekeeper.daemon;

import dev.rolekeeper.config.PromptWay;
import dev.rolekeeper.config.Settings;
import dev.rolekeeper.credfile.CredentialsSync;
import dev.rolekeeper.credfile.SyncSettings;
import dev.rolekeeper.mfa.MfaPrompting;
import dev.rolekeeper.mfa.MfaSettings;
import dev.rolekeeper.mfa.PromptedCodes;
import dev.rolekeeper.process.BrowserHandoff;
import dev.rolekeeper.process.ChildEnvironment;
import dev.rolekeeper.process.ProcessRunner;
import dev.rolekeeper.session.Plan;
import dev.rolekeeper.session.RefreshPolicy;
import dev.rolekeeper.session.RoleHop;
import dev.rolekeeper.session.SessionDirectory;
import dev.rolekeeper.session.SessionManager;
import dev.rolekeeper.session.SignInSources;
import dev.rolekeeper.signin.ConsoleLogins;
import dev.rolekeeper.sso.IdentityCenter;
import dev.rolekeeper.sts.AwsNetwork;
import dev.rolekeeper.sts.SdkStsGateway;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every part of a daemon, built in one place from the settings and the AWS files, in the order they
 * need each other, each given what it needs in its constructor: MFA prompting (whose web links name
 * the port resolved first), the STS gateway, the sessions, the credentials-file sync, and the
 * reloader that keeps them in step with the files. The daemon runs them.
 *
 * @param processes the one runner of every child process (prompts, {@code credential_process})
 * @param identityCenter IAM Identity Center: its clients, token cache and sign-in prompts
 * @param consoleLogins console sign-in sessions ({@code login_session}): the login cache, the
 *     Sign-In clients, the sign-in prompts
 * @param startup what start-up read from the AWS files
 * @param listening where the daemon listens, ports resolved
 * @param tokens the client and control tokens
 * @param imds what IMDS serves (a reload may change it)
 * @param mfa the MFA prompts and the web page's links
 * @param gateway the STS client of every session
 * @param sessions the sessions of the served profiles, not yet deployed
 * @param sync the credentials-file sync, fed by every refresh
 * @param reloader applies new settings and AWS files
 * @param unserved the profiles left unserved, for {@code status}
 * @param reloadErrors why an input is not in force as it is on disk, for {@code status}
 */
public record Parts(
    ProcessRunner processes,
    IdentityCenter identityCenter,
    ConsoleLogins consoleLogins,
    StartupPlan startup,
    Listening listening,
    TokenStore tokens,
    ImdsRole imds,
    MfaPrompting mfa,
    SdkStsGateway gateway,
    SessionManager sessions,
    CredentialsSync sync,
    Reloader reloader,
    UnservedStatus unserved,
    ReloadErrors reloadErrors) {

  /** Builds them (blocking: reads the AWS files, probes ports, opens the token store). */
  static Parts build(
      Vertx vertx, Settings settings, Map<String, String> env, Path syncFile, Path stateDir)
      throws IOException {
    String region = DaemonTuning.region(settings);
    ProcessRunner processes =
        new ProcessRunner(
            vertx,
            ChildEnvironment.desktop(env),
            new BrowserHandoff(
                vertx, stateDir.resolve(BrowserHandoff.DIRECTORY), BrowserHandoff.LIFETIME));
    processes.browser().clear(); // what an earlier run left for the browser
    IdentityCenter sso = IdentityCenter.create(vertx, env, settings.mfa().leadTime(), processes);
    ConsoleLogins console =
        ConsoleLogins.create(
            vertx, env, settings.mfa().leadTime(), processes, settings.listen().allowUids());
    SignInSources signIns = new SignInSources(sso.sessions(), console.sessions());

    StartupPlan startup = StartupPlan.read(settings, env, region, signIns);
    ServedPlans planned = startup.planned();
    UnservedStatus unserved = new UnservedStatus();
    ReloadErrors reloadErrors = new ReloadErrors(Clock.systemUTC());
    unserved.set(planned.notServed());
    if (startup.filesError() != null) {
      reloadErrors.failed(ReloadErrors.AWS_FILES, startup.filesError());
    }
    Listening listening = Listening.resolve(settings.listen(), settings.served().imds().enabled());
    TokenStore tokens = TokenStore.open(stateDir);
    ImdsRole imds =
        new ImdsRole(
            ImdsChoice.of(
                settings.served().imds().enabled(),
                settings.served().imds().profile(),
                planned.served()),
            listening.host());
    MfaSettings mfaSettings = MfaSettings.from(settings.mfa(), planned.deviceProcesses());
    // Profiles' mfa_process commands are looked up at each prompt, so a reload changes them.
    AtomicReference<Map<String, String>> deviceProcesses =
        new AtomicReference<>(planned.deviceProcesses());
    MfaPrompting mfa =
        MfaPrompting.create(
            vertx,
            mfaSettings,
            processes,
            device ->
                Optional.ofNullable(deviceProcesses.get().get(device))
                    .filter(command -> !command.isBlank())
                    .or(mfaSettings::mfaProcess),
            listening.port());
    // AWS_ENDPOINT_URL_STS is a profile's setting like the others (the plans carry it).
    SdkStsGateway gateway =
        new SdkStsGateway(
            settings.sts().endpoint().orElse(null),
            settings.sts().callTimeout(),
            AwsNetwork.from(env));
    SessionManager sessions =
        new SessionManager(
                planned.plans(),
                new LinkedHashSet<>(planned.served()),
                gateway,
                new PromptedCodes(mfa.prompts()),
                RefreshPolicy.from(settings, DaemonTuning.COLD_START_WAIT),
                Clock.systemUTC())
            .withProcesses(processes);
    CredentialsSync sync =
        new CredentialsSync(vertx, SyncSettings.from(settings.served().sync(), syncFile));
    sessions.addListener(sync::sessionRefreshed);
    sso.sessions().onSignedIn(name -> refreshWaiting(sessions));
    console.sessions().onSignedIn(session -> refreshWaiting(sessions));
    boolean processWay = mfaSettings.hasProcess() && mfaSettings.ways().contains(PromptWay.PROCESS);
    Reloader reloader =
        new Reloader(
            vertx,
            sessions,
            env,
            region,
            DaemonTuning.CREDENTIAL_PROCESS_TIMEOUT,
            settings,
            planned,
            signIns,
            new Reloader.Effects(
                sync::profileDropped,
                imds,
                processWay ? deviceProcesses::set : null,
                unserved::set),
            reloadErrors);

    return new Parts(
        processes,
        sso,
        console,
        startup,
        listening,
        tokens,
        imds,
        mfa,
        gateway,
        sessions,
        sync,
        reloader,
        unserved,
        reloadErrors);
  }

  /**
   * Builds the STS clients of every planned endpoint, region and CA bundle on a worker, so that it
   * runs while the front opens (on 2 cores, side by side) and the first fetch pays for neither.
   */
  Future<Void> prepareSts(Vertx vertx) {
    List<RoleHop> hops =
        startup.planned().plans().values().stream()
            .map(Plan::hop)
            .filter(hop -> hop.route() != null)
            .toList();
    return vertx.executeBlocking(
        () -> {
          hops.forEach(hop -> gateway.prepare(hop.route().target(), hop.route().caBundle()));
          return null;
        },
        false);
  }

  /** What {@code GET /control/status} shows beside the sessions. */
  JsonObject statusJson() {
    return new JsonObject()
        .put("ssoSessions", identityCenter.statusJson())
        .put("loginSessions", consoleLogins.sessions().statusJson())
        .put("mfaPrompts", mfa.prompts().statusJson())
        .put("sync", sync.statusJson())
        .put("notServed", unserved.json())
        .put("reloadErrors", reloadErrors.statusJson());
  }

  /** After a sign-in, every served profile without valid credentials tries again now. */
  private static void refreshWaiting(SessionManager sessions) {
    sessions.profiles().stream()
        .filter(profile -> !(sessions.lookup(profile) instanceof SessionDirectory.Lookup.Available))
        .forEach(sessions::refresh);
  }
}
