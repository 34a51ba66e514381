package dev.rolekeeper.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every settings key, in one place: the dotted path used in YAML, in error messages and
 * (upper-cased, dots as underscores) in {@code ROLEKEEPER_*} environment variables.
 *
 * <p>{@link #ALL} is the complete schema: a key outside it is refused wherever it comes from.
 */
public final class ConfigKeys {

  /** How a key's value is written in an environment variable. */
  public enum Shape {
    /** One value. */
    SCALAR,
    /** A list; in the environment, comma-separated. */
    LIST,
    /** A string-to-string map; in the environment, {@code key=value} pairs, comma-separated. */
    MAP
  }

  /** One settings key: its dotted path and its shape. */
  public record Key(String path, Shape shape) {

    /**
     * The environment-variable spelling: {@code mfa.leadTime} is {@code ROLEKEEPER_MFA_LEADTIME}.
     */
    public String envName() {
      return ENV_PREFIX + path.replace('.', '_').toUpperCase(Locale.ROOT);
    }
  }

  public static final String ENV_PREFIX = "ROLEKEEPER_";

  public static final String LISTEN = "listen";
  public static final String LISTEN_HOST = "listen.host";
  public static final String LISTEN_PORT = "listen.port";
  public static final String LISTEN_IMDS_PORT = "listen.imdsPort";
  public static final String LISTEN_ALLOW_USERS = "listen.allowUsers";
  public static final String PROFILES = "profiles";
  public static final String IMDS = "imds";
  public static final String IMDS_ENABLED = "imds.enabled";
  public static final String IMDS_PROFILE = "imds.profile";
  public static final String REGION = "region";
  public static final String REFRESH = "refresh";
  public static final String REFRESH_MARGIN = "refresh.margin";
  public static final String REFRESH_MIN_REMAINING = "refresh.minRemaining";
  public static final String REFRESH_BACKOFF_INITIAL = "refresh.backoffInitial";
  public static final String REFRESH_BACKOFF_MAX = "refresh.backoffMax";
  public static final String MFA = "mfa";
  public static final String MFA_LEAD_TIME = "mfa.leadTime";
  public static final String MFA_PROMPTS = "mfa.prompts";
  public static final String MFA_PROMPT_TIMEOUT = "mfa.promptTimeout";
  public static final String MFA_SESSION_DURATION = "mfa.sessionDuration";
  public static final String MFA_PROCESS = "mfa.process";
  public static final String MFA_PROCESS_TIMEOUT = "mfa.processTimeout";
  public static final String SYNC = "sync";
  public static final String SYNC_FILE = "sync.file";
  public static final String SYNC_REMOVE_ON_SHUTDOWN = "sync.removeOnShutdown";
  public static final String SYNC_TARGETS = "sync.targets";
  public static final String STATE_DIR = "stateDir";
  public static final String STS = "sts";
  public static final String STS_ENDPOINT = "sts.endpoint";
  public static final String STS_CALL_TIMEOUT = "sts.callTimeout";
  public static final String LOG_LEVEL = "logLevel";

  /** Every leaf key of the schema. */
  public static final List<Key> ALL =
      List.of(
          new Key(LISTEN_HOST, Shape.SCALAR),
          new Key(LISTEN_PORT, Shape.SCALAR),
          new Key(LISTEN_IMDS_PORT, Shape.SCALAR),
          new Key(LISTEN_ALLOW_USERS, Shape.LIST),
          new Key(PROFILES, Shape.LIST),
          new Key(IMDS_ENABLED, Shape.SCALAR),
          new Key(IMDS_PROFILE, Shape.SCALAR),
          new Key(REGION, Shape.SCALAR),
          new Key(REFRESH_MARGIN, Shape.SCALAR),
          new Key(REFRESH_MIN_REMAINING, Shape.SCALAR),
          new Key(REFRESH_BACKOFF_INITIAL, Shape.SCALAR),
          new Key(REFRESH_BACKOFF_MAX, Shape.SCALAR),
          new Key(MFA_LEAD_TIME, Shape.SCALAR),
          new Key(MFA_PROMPTS, Shape.LIST),
          new Key(MFA_PROMPT_TIMEOUT, Shape.SCALAR),
          new Key(MFA_SESSION_DURATION, Shape.SCALAR),
          new Key(MFA_PROCESS, Shape.SCALAR),
          new Key(MFA_PROCESS_TIMEOUT, Shape.SCALAR),
          new Key(SYNC_FILE, Shape.SCALAR),
          new Key(SYNC_REMOVE_ON_SHUTDOWN, Shape.SCALAR),
          new Key(SYNC_TARGETS, Shape.MAP),
          new Key(STATE_DIR, Shape.SCALAR),
          new Key(STS_ENDPOINT, Shape.SCALAR),
          new Key(STS_CALL_TIMEOUT, Shape.SCALAR),
          new Key(LOG_LEVEL, Shape.SCALAR));

  /**
   * {@code ROLEKEEPER_*} variables that are not settings but the launcher's own (with {@code
   * ROLEKEEPER_DEMO_*}).
   */
  static final List<String> ENV_NOT_SETTINGS =
      List.of("ROLEKEEPER_JAVA_OPTS", "ROLEKEEPER_JAR", "ROLEKEEPER_HOME");

  static final String ENV_NOT_SETTINGS_PREFIX = "ROLEKEEPER_DEMO_";

  /**
   * Read by the log set-up directly, so also accepted as {@link #LOG_LEVEL} rather than refused as
   * unknown.
   */
  static final String ENV_LOG_LEVEL_ALIAS = "ROLEKEEPER_LOG_LEVEL";

  private ConfigKeys() {}

  /** The leaf key with this dotted path, if the schema has one. */
  public static Optional<Key> leaf(String path) {
    return ALL.stream().filter(k -> k.path().equals(path)).findFirst();
  }

  /** True if {@code path} names a section (such as {@code mfa}) holding leaf keys. */
  public static boolean isSection(String path) {
    return ALL.stream().anyMatch(k -> k.path().startsWith(path + "."));
  }

  /** The leaf key whose environment spelling matches {@code envName}, ignoring case. */
  public static Optional<Key> byEnvName(String envName) {
    return ALL.stream().filter(k -> k.envName().equalsIgnoreCase(envName)).findFirst();
  }
}
