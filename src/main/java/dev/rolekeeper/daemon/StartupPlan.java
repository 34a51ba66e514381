package dev.rolekeeper.daemon;

import dev.rolekeeper.config.Settings;
import dev.rolekeeper.paths.UserPaths;
import dev.rolekeeper.paths.UserPaths.AwsFiles;
import dev.rolekeeper.profiles.ProfileException;
import dev.rolekeeper.session.SignInSources;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What start-up reads from the AWS files before anything is deployed.
 *
 * @param planned the served profiles and their plans; every profile an error if the files are bad
 * @param filesSeen the fingerprint of the AWS files as read, so the watcher sees later changes only
 * @param filesError why the AWS files could not be read (naming the file), or null
 */
record StartupPlan(ServedPlans planned, String filesSeen, String filesError) {

  private static final Logger LOG = LoggerFactory.getLogger(StartupPlan.class);

  /** Reads the AWS files and plans every served profile (blocking). Never fails. */
  static StartupPlan read(
      Settings settings, Map<String, String> env, String region, SignInSources signIns) {
    AwsFiles files = UserPaths.of(env).awsFiles();
    String filesSeen;
    try {
      filesSeen = AwsFilesWatcher.fingerprint(files);
    } catch (IOException e) {
      filesSeen = "unreadable";
    }
    ServedPlans planned;
    String filesError = null;
    try {
      planned =
          ServedPlans.read(settings, env, region, DaemonTuning.CREDENTIAL_PROCESS_TIMEOUT, signIns);
    } catch (ProfileException e) {
      // Served as errors until the files are fixed: the watcher re-plans when they change.
      LOG.error("{}", e.getMessage());
      filesError = e.getMessage();
      planned = ServedPlans.allInvalid(settings.served().profiles(), e.getMessage());
    }
    if (planned.served().isEmpty()) {
      LOG.warn(
          "no profiles to serve: {} has no role profiles and the settings name none",
          files.configFile());
    }
    return new StartupPlan(planned, filesSeen, filesError);
  }
}
