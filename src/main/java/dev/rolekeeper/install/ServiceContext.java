package dev.rolekeeper.install;

import dev.rolekeeper.config.PathSettings;
import dev.rolekeeper.paths.UserPaths;
import dev.rolekeeper.paths.UserPaths.AwsFiles;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything an installed service depends on: this user's {@link UserPaths}, the path settings the
 * daemon will read ({@link PathSettings#inFile}: the service does not inherit the installing
 * shell's {@code ROLEKEEPER_*} variables), the java binary, the rolekeeper jar and the JVM flags it
 * runs with, and the version (which names the directory the installed copy lives in).
 *
 * <p>{@link #current()} reads this process; tests build one with {@link #of} around a temporary
 * home.
 */
public record ServiceContext(
    UserPaths paths,
    PathSettings settings,
    Path java,
    Path jar,
    List<String> jvmFlags,
    String version) {

  public ServiceContext {
    Objects.requireNonNull(paths, "paths");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(java, "java");
    Objects.requireNonNull(jar, "jar");
    jvmFlags = List.copyOf(jvmFlags);
    Objects.requireNonNull(version, "version");
  }

  /**
   * A context for the user of {@code paths}, with the settings the daemon will read, the daemon's
   * JVM flags and this build's version.
   *
   * @throws dev.rolekeeper.config.SettingsException when the settings file cannot be read
   */
  public static ServiceContext of(UserPaths paths, Path java, Path jar) {
    return new ServiceContext(
        paths,
        PathSettings.inFile(paths, Optional.empty()),
        java,
        jar,
        JvmFlags.DAEMON,
        BuildInfo.current().version());
  }

  /**
   * This process: its {@link UserPaths}, the running java binary and the jar this class was loaded
   * from.
   *
   * @throws IllegalStateException when not running from the packaged jar
   */
  public static ServiceContext current() {
    return of(UserPaths.current(), currentJava(), currentJar());
  }

  /** The same service running another jar with other flags (the installed copy of both). */
  public ServiceContext runningFrom(Path otherJar, List<String> otherFlags) {
    return new ServiceContext(paths, settings, java, otherJar, otherFlags, version);
  }

  /** The daemon's state directory, as the daemon will find it. */
  public Path stateDir() {
    return paths.stateDir(settings.stateDir());
  }

  /** The credentials file the daemon's sync writes, as the daemon will find it. */
  public Path syncFile() {
    return paths.syncFile(settings.syncFile());
  }

  /**
   * The daemon's command line: this java, the JVM flags, the {@link #crashReportFlag()}, {@code
   * -jar} this jar, {@code run}.
   */
  public List<String> daemonCommand() {
    List<String> argv = new ArrayList<>();
    argv.add(java.toString());
    argv.addAll(jvmFlags);
    argv.add(crashReportFlag());
    argv.add("-jar");
    argv.add(jar.toString());
    argv.add("run");
    return List.copyOf(argv);
  }

  /**
   * Where the JVM writes a crash report (hs_err, which holds memory: keys and tokens): the private
   * state directory, not the working directory. Per user, so not part of {@link JvmFlags#DAEMON}.
   */
  public String crashReportFlag() {
    return "-XX:ErrorFile=" + stateDir().resolve("hs_err_pid%p.log");
  }

  /**
   * AWS file locations chosen in the installing shell ({@code AWS_CONFIG_FILE}, {@code
   * AWS_SHARED_CREDENTIALS_FILE}, when set), resolved as the user's tools resolve them, to be set
   * for the service too so the daemon reads the same files they do.
   */
  public Map<String, String> carriedEnvironment() {
    Map<String, String> carried = new LinkedHashMap<>();
    AwsFiles files = paths.awsFiles();
    carry(carried, "AWS_CONFIG_FILE", files.configFile());
    carry(carried, "AWS_SHARED_CREDENTIALS_FILE", files.credentialsFile());
    return carried;
  }

  private void carry(Map<String, String> carried, String variable, Path resolved) {
    String value = paths.env().get(variable);
    if (value != null && !value.isBlank()) {
      carried.put(variable, resolved.toString());
    }
  }

  /**
   * The directories the daemon writes, for a sandbox that allows only these: the state directory,
   * then the sync file's directory and the SSO token cache (which may not exist yet), leaving out
   * one inside another.
   */
  public List<Path> writableDirs() {
    List<Path> dirs = new ArrayList<>(List.of(stateDir()));
    for (Path dir : List.of(syncFile().getParent(), paths.ssoCache())) {
      if (dirs.stream().noneMatch(dir::startsWith)) {
        dirs.add(dir);
      }
    }
    return List.copyOf(dirs);
  }

  private static Path currentJava() {
    // Only a binary called java takes JVM flags and -jar: a jpackage launcher (the Debian
    // package's) does not.
    return ProcessHandle.current()
        .info()
        .command()
        .map(Path::of)
        .filter(Files::isExecutable)
        .filter(command -> command.getFileName().toString().equals("java"))
        .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java"));
  }

  private static Path currentJar() {
    Path location;
    try {
      location =
          Path.of(ServiceContext.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | NullPointerException | SecurityException e) {
      throw new IllegalStateException(
          "cannot install a service: the location of the rolekeeper jar is unknown", e);
    }
    if (!Files.isRegularFile(location) || !location.toString().endsWith(".jar")) {
      throw new IllegalStateException(
          "cannot install a service: rolekeeper is not running from its jar but from "
              + location
              + "; build it (mvn package) and run java -jar target/rolekeeper.jar install-service");
    }
    return location.toAbsolutePath();
  }
}
