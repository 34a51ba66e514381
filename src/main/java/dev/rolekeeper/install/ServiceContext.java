package dev.rolekeeper.install;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything an installed service depends on, resolved to real paths: the platform, the user's home
 * and environment, the java binary, the rolekeeper jar and the JVM flags it runs with, the daemon's
 * state directory, the AWS directory it writes, and the version (which names the directory the
 * installed copy lives in).
 *
 * <p>{@link #current()} reads this process; tests build one by hand around a temporary home.
 */
public record ServiceContext(
    Platform platform,
    Path home,
    Map<String, String> env,
    Path java,
    Path jar,
    List<String> jvmFlags,
    Path stateDir,
    Path awsDir,
    String version) {

  public ServiceContext {
    Objects.requireNonNull(platform, "platform");
    Objects.requireNonNull(home, "home");
    env = Map.copyOf(env);
    Objects.requireNonNull(java, "java");
    Objects.requireNonNull(jar, "jar");
    jvmFlags = List.copyOf(jvmFlags);
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(awsDir, "awsDir");
    Objects.requireNonNull(version, "version");
  }

  /** Leaves out the environment, which may hold secrets such as {@code AWS_SECRET_ACCESS_KEY}. */
  @Override
  public String toString() {
    return "ServiceContext[platform="
        + platform
        + ", home="
        + home
        + ", java="
        + java
        + ", jar="
        + jar
        + ", stateDir="
        + stateDir
        + ", awsDir="
        + awsDir
        + ", version="
        + version
        + "]";
  }

  /**
   * A context for the given user, with the daemon's JVM flags, this build's version, and the
   * default state and AWS directories for that platform, home and env.
   */
  public static ServiceContext of(
      Platform platform, Path home, Map<String, String> env, Path java, Path jar) {
    return new ServiceContext(
        platform,
        home,
        env,
        java,
        jar,
        JvmFlags.DAEMON,
        defaultStateDir(platform, home, env),
        defaultAwsDir(home, env),
        BuildInfo.current().version());
  }

  /** The same service running another jar with other flags (the installed copy of both). */
  public ServiceContext runningFrom(Path otherJar, List<String> otherFlags) {
    return new ServiceContext(
        platform, home, env, java, otherJar, otherFlags, stateDir, awsDir, version);
  }

  /**
   * Where installed copies live, one directory per version: {@code $XDG_DATA_HOME/rolekeeper}
   * (default {@code ~/.local/share/rolekeeper}) on Linux, {@code ~/Library/Application
   * Support/rolekeeper} on macOS.
   */
  public Path installRoot() {
    if (platform == Platform.MACOS) {
      return home.resolve("Library/Application Support/rolekeeper");
    }
    return absoluteEnvPath(env, "XDG_DATA_HOME", home.resolve(".local/share"))
        .resolve("rolekeeper");
  }

  /**
   * This process: {@code $HOME} (else {@code user.home}), the running java binary and the jar this
   * class was loaded from.
   *
   * @throws IllegalStateException when not running from the packaged jar, or HOME is unknown
   */
  public static ServiceContext current() {
    // HOME first, as for every other path here (XDG_*, AWS_*): Java's user.home ignores it.
    String home = System.getenv("HOME");
    if (home == null || home.isBlank() || !Path.of(home).isAbsolute()) {
      home = System.getProperty("user.home");
    }
    if (home == null || home.isBlank()) {
      throw new IllegalStateException(
          "cannot install a service: the user's home directory is unknown");
    }
    return of(Platform.current(), Path.of(home), System.getenv(), currentJava(), currentJar());
  }

  /**
   * {@code $XDG_STATE_HOME/rolekeeper} (default {@code ~/.local/state}) on Linux, Application
   * Support on macOS.
   */
  public static Path defaultStateDir(Platform platform, Path home, Map<String, String> env) {
    if (platform == Platform.MACOS) {
      return home.resolve("Library/Application Support/rolekeeper");
    }
    return absoluteEnvPath(env, "XDG_STATE_HOME", home.resolve(".local/state"))
        .resolve("rolekeeper");
  }

  /**
   * The directory of the shared credentials file ({@code AWS_SHARED_CREDENTIALS_FILE}, default
   * {@code ~/.aws}).
   */
  public static Path defaultAwsDir(Path home, Map<String, String> env) {
    String file = env.get("AWS_SHARED_CREDENTIALS_FILE");
    if (file != null
        && !file.isBlank()
        && Path.of(file).isAbsolute()
        && Path.of(file).getParent() != null) {
      return Path.of(file).getParent();
    }
    return home.resolve(".aws");
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
    return "-XX:ErrorFile=" + stateDir.resolve("hs_err_pid%p.log");
  }

  /**
   * AWS file locations chosen in the installing shell ({@code AWS_CONFIG_FILE}, {@code
   * AWS_SHARED_CREDENTIALS_FILE}, when absolute), to be set for the service too so the daemon reads
   * the same files the user's tools do.
   */
  public Map<String, String> carriedEnvironment() {
    Map<String, String> carried = new LinkedHashMap<>();
    for (String name : List.of("AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE")) {
      String value = env.get(name);
      if (value != null && Path.of(value).isAbsolute()) {
        carried.put(name, value);
      }
    }
    return carried;
  }

  /**
   * An absolute path from the environment, or the fallback when unset, blank or relative (as XDG
   * requires).
   */
  static Path absoluteEnvPath(Map<String, String> env, String name, Path fallback) {
    String value = env.get(name);
    return value != null && !value.isBlank() && Path.of(value).isAbsolute()
        ? Path.of(value)
        : fallback;
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
