package dev.rolekeeper.daemon;

import dev.rolekeeper.config.Settings;
import dev.rolekeeper.http.EndpointDeployment;
import dev.rolekeeper.paths.UserPaths;
import io.vertx.core.Vertx;
import java.util.Map;

/**
 * What keeps a running daemon in step with its inputs: the reloader that re-plans on new settings
 * or AWS files, and the watcher that notices the AWS files change.
 *
 * @param reloader applies new settings and AWS files to the running parts
 * @param awsFiles the running watcher of the AWS files; stop it on shutdown
 * @param errors why an input is not in force as it is on disk, for {@code status}
 */
record ReloadWiring(Reloader reloader, AwsFilesWatcher awsFiles, ReloadErrors errors) {

  /**
   * Starts watching the AWS files, once the endpoint is deployed: a reload changes what it serves.
   *
   * @param region the default region of the daemon
   * @param errors where failed reloads are kept; holds the AWS files' error at start, if any
   */
  static ReloadWiring start(
      Vertx vertx,
      Settings settings,
      Map<String, String> env,
      String region,
      StartupPlan startup,
      SessionWiring core,
      PromptWiring prompts,
      SsoWiring sso,
      EndpointDeployment endpoint,
      UnservedStatus unserved,
      ReloadErrors errors) {
    Reloader reloader =
        new Reloader(
            vertx,
            core.sessions(),
            env,
            region,
            DaemonTuning.CREDENTIAL_PROCESS_TIMEOUT,
            settings,
            startup.planned(),
            sso.sessions(),
            new Reloader.Effects(
                core.sync()::profileDropped,
                endpoint.imdsRole(),
                prompts.deviceProcessUpdates(),
                unserved::set),
            errors);
    AwsFilesWatcher awsFiles =
        AwsFilesWatcher.start(
            vertx,
            UserPaths.of(env).awsFiles(),
            DaemonTuning.AWS_FILES_SCANS,
            startup.filesSeen(),
            reloader::awsFilesChanged);
    return new ReloadWiring(reloader, awsFiles, errors);
  }
}
