package dev.rolekeeper.cli;

import dev.rolekeeper.os.PrivateDirectory;
import dev.rolekeeper.paths.UserPaths;
import dev.rolekeeper.sandbox.DemoAccount;
import dev.rolekeeper.sandbox.StsSimulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's files and the environment its daemon runs in: a state directory, generated AWS config
 * and credentials files, an empty settings file, and variables that point the daemon at them and at
 * the simulator. The user's own AWS files and {@code ROLEKEEPER_*} variables (except the log level)
 * never reach the demo daemon.
 */
final class DemoSetUp {

  private final int port;
  private final Path stateDir;
  private final boolean mfa;
  private final boolean sso;
  private final boolean login;
  private final Path syncFile;

  /**
   * @param stateDir the {@code --state-dir} given, or null
   * @param mfa whether {@code --mfa} was given
   * @param sso whether {@code --sso} was given
   * @param login whether {@code --login} was given
   * @param syncFile the {@code --sync} file given, or null
   */
  DemoSetUp(int port, Path stateDir, boolean mfa, boolean sso, boolean login, Path syncFile) {
    this.port = port;
    this.stateDir = stateDir;
    this.mfa = mfa;
    this.sso = sso;
    this.login = login;
    this.syncFile = syncFile;
  }

  /**
   * The state directory, created 0700 when absent.
   *
   * @throws dev.rolekeeper.os.UnsafePathException when it is not this user's alone: nothing is
   *     written into it
   */
  Path demoDir() throws IOException {
    Path dir =
        stateDir != null
            ? stateDir.toAbsolutePath().normalize()
            : UserPaths.current().stateHome().resolve("rolekeeper-demo-" + port);
    return PrivateDirectory.prepare(dir);
  }

  /**
   * Writes the AWS files and the settings file under {@code files}; the settings file.
   *
   * @param simulator the demo's simulator, whose console user the login profile signs in as
   */
  Path writeFiles(Path files, DemoAccount account, StsSimulator simulator, String region)
      throws IOException {
    account.writeAwsFiles(files.resolve("aws"), region, mfa);
    if (sso) {
      account.appendSsoProfiles(files.resolve("aws"), region);
    }
    if (login) {
      account.appendLoginProfiles(files.resolve("aws"), region, simulator.signin().userArn());
    }
    Path settingsFile = files.resolve("settings.yaml");
    Files.writeString(
        settingsFile, "# rolekeeper demo: every setting comes from the environment it passes.\n");
    return settingsFile;
  }

  /** Where the demo daemon keeps its console sessions: inside the demo's files. */
  static Path loginCache(Path files) {
    return files.resolve(".aws/login/cache");
  }

  private static final java.util.Set<String> PROXY_VARIABLES =
      java.util.Set.of("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy");

  /** This process's environment without its rolekeeper settings, plus the demo's. */
  Map<String, String> environment(
      Path dir, Path files, List<String> profiles, StsSimulator simulator, String region) {
    return environment(System.getenv(), dir, files, profiles, simulator, region);
  }

  /**
   * {@code base} without its rolekeeper settings and proxy variables, plus the demo's. The demo's
   * STS and Identity Center live in this process on loopback: the daemon reaches them directly, as
   * a proxy set for the real AWS could not.
   */
  Map<String, String> environment(
      Map<String, String> base,
      Path dir,
      Path files,
      List<String> profiles,
      StsSimulator simulator,
      String region) {
    Map<String, String> env = new HashMap<>(base);
    env.keySet()
        .removeIf(
            name ->
                (name.startsWith("ROLEKEEPER_") && !name.equals("ROLEKEEPER_LOG_LEVEL"))
                    || PROXY_VARIABLES.contains(name));
    if (sso) {
      // The demo's own token cache, never the user's ~/.aws/sso/cache.
      env.put("HOME", files.toString());
      env.put("AWS_ENDPOINT_URL_SSO", simulator.endpoint().toString());
      env.put("AWS_ENDPOINT_URL_SSO_OIDC", simulator.endpoint().toString());
    }
    if (login) {
      // The demo's own login cache, never the user's ~/.aws/login/cache (nor the directory an
      // AWS_LOGIN_CACHE_DIRECTORY of the user's shell names).
      env.put("AWS_LOGIN_CACHE_DIRECTORY", loginCache(files).toString());
      env.put("AWS_ENDPOINT_URL_SIGNIN", simulator.endpoint().toString());
    }
    env.put("AWS_CONFIG_FILE", files.resolve("aws/config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", files.resolve("aws/credentials").toString());
    env.put(DemoCommand.STATE_DIR_VARIABLE, dir.toString());
    env.put("ROLEKEEPER_PROFILES", String.join(",", profiles));
    // IMDS is off by default (no client secret); the demo shows it, serving the plainest profile.
    env.put("ROLEKEEPER_IMDS_ENABLED", "true");
    env.put("ROLEKEEPER_IMDS_PROFILE", DemoAccount.DEV_PROFILE);
    env.put("ROLEKEEPER_REGION", region);
    env.put("ROLEKEEPER_STS_ENDPOINT", simulator.endpoint().toString());
    env.put("ROLEKEEPER_LISTEN_PORT", Integer.toString(port));
    env.put("ROLEKEEPER_LISTEN_IMDSPORT", Integer.toString(port == 0 ? 0 : port + 1));
    if (syncFile != null) {
      env.put("ROLEKEEPER_SYNC_FILE", syncFile.toAbsolutePath().normalize().toString());
      env.put("ROLEKEEPER_SYNC_TARGETS", profiles.get(0) + "=" + DemoCommand.SYNC_SECTION);
    }
    return env;
  }
}
