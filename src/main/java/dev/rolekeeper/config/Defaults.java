package dev.rolekeeper.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The built-in defaults as a settings tree: the same keys and values, of the same JSON types, as
 * {@value SettingsLoader#DEFAULTS_RESOURCE}, which documents each of them and ships in the jar.
 *
 * <p>Built here rather than parsed from that file so that a start without a settings file of its
 * own never loads a YAML parser. {@code DefaultsTest} parses the file and requires it to equal
 * {@link #tree()} exactly: a change to one fails the build until the other says the same.
 */
final class Defaults {

  private Defaults() {}

  /** A new tree of every default, in the file's order; the caller may change it. */
  static JsonObject tree() {
    JsonObject tree = new JsonObject();
    JsonPath.put(tree, ConfigKeys.LISTEN_HOST, "127.0.0.1");
    JsonPath.put(tree, ConfigKeys.LISTEN_PORT, 9911);
    JsonPath.put(tree, ConfigKeys.LISTEN_IMDS_PORT, 9912);
    JsonPath.put(tree, ConfigKeys.LISTEN_ALLOW_USERS, new JsonArray());
    JsonPath.put(tree, ConfigKeys.PROFILES, new JsonArray());
    JsonPath.put(tree, ConfigKeys.IMDS_ENABLED, false);
    JsonPath.put(tree, ConfigKeys.IMDS_PROFILE, "");
    JsonPath.put(tree, ConfigKeys.REGION, "");
    JsonPath.put(tree, ConfigKeys.REFRESH_MARGIN, "30m");
    JsonPath.put(tree, ConfigKeys.REFRESH_MIN_REMAINING, "15m");
    JsonPath.put(tree, ConfigKeys.REFRESH_BACKOFF_INITIAL, "2s");
    JsonPath.put(tree, ConfigKeys.REFRESH_BACKOFF_MAX, "5m");
    JsonPath.put(tree, ConfigKeys.MFA_LEAD_TIME, "10m");
    JsonPath.put(
        tree,
        ConfigKeys.MFA_PROMPTS,
        new JsonArray().add("notification").add("web").add("cli").add("process"));
    JsonPath.put(tree, ConfigKeys.MFA_PROMPT_TIMEOUT, "5m");
    JsonPath.put(tree, ConfigKeys.MFA_SESSION_DURATION, "12h");
    JsonPath.put(tree, ConfigKeys.MFA_PROCESS, "");
    JsonPath.put(tree, ConfigKeys.MFA_PROCESS_TIMEOUT, "10s");
    JsonPath.put(tree, ConfigKeys.SYNC_FILE, "");
    JsonPath.put(tree, ConfigKeys.SYNC_REMOVE_ON_SHUTDOWN, false);
    JsonPath.put(tree, ConfigKeys.SYNC_TARGETS, new JsonObject());
    JsonPath.put(tree, ConfigKeys.STATE_DIR, "");
    JsonPath.put(tree, ConfigKeys.STS_ENDPOINT, "");
    JsonPath.put(tree, ConfigKeys.STS_CALL_TIMEOUT, "10s");
    JsonPath.put(tree, ConfigKeys.LOG_LEVEL, "INFO");
    return tree;
  }
}
