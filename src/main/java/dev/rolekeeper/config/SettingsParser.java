package dev.rolekeeper.config;

import static dev.rolekeeper.config.ConfigKeys.*;

import dev.rolekeeper.os.Os;
import dev.rolekeeper.os.UnixUsers;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a settings tree (defaults, user file and environment already merged) into {@link Settings},
 * or throws a {@link SettingsException} with one line naming the source, the key and the problem.
 * Pure: no I/O.
 *
 * <p>Rules beyond types: unknown keys are refused; {@code listen.host} must be loopback (see {@link
 * LoopbackHost}); ports 0..65535 and distinct unless 0; {@code refresh.minRemaining} below {@code
 * refresh.margin}; {@code backoffMax} at least {@code backoffInitial}; {@code mfa.sessionDuration}
 * 15m..36h; {@code mfa.prompts} non-empty words from {@link PromptWay} without repeats; profile and
 * section names without spaces or brackets; {@code imds.profile} and {@code sync.targets} keys
 * among {@code profiles} when that list is given; distinct sync sections; {@code region} shaped
 * like {@code eu-west-1}; {@code sts.endpoint} an http(s) URL; paths absolute or starting with
 * {@code ~/}.
 */
public final class SettingsParser {

  private static final Pattern REGION_SHAPE = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}");

  private SettingsParser() {}

  /** Parses a tree that came from one place, named {@code sourceLabel} in errors. */
  public static Settings parse(JsonObject tree, String sourceLabel) {
    return parse(tree, Sources.single(sourceLabel));
  }

  static Settings parse(JsonObject tree, Sources sources) {
    SettingsReader r = new SettingsReader(tree, sources);
    rejectUnknownKeys(tree, "", r);
    List<String> profiles = ProfileNames.check(r, PROFILES, r.stringList(PROFILES));
    // In the order the keys are checked (the first problem found is the one reported).
    Settings.Listen listen = listen(r);
    Settings.Imds imds =
        new Settings.Imds(
            r.bool(IMDS_ENABLED),
            ProfileNames.served(r, IMDS_PROFILE, r.optionalString(IMDS_PROFILE), profiles));
    Optional<String> region = region(r);
    Settings.Refresh refresh = refresh(r);
    Settings.Mfa mfa = MfaSettingsParser.parse(r);
    Settings.Sync sync = sync(r, profiles);
    Optional<String> stateDir = r.path(STATE_DIR);
    Settings.Sts sts = new Settings.Sts(stsEndpoint(r), r.positiveDuration(STS_CALL_TIMEOUT));
    return new Settings(
        listen,
        new Settings.Served(profiles, region, imds, sync),
        refresh,
        mfa,
        sts,
        new Settings.Daemon(stateDir, logLevel(r)));
  }

  private static void rejectUnknownKeys(JsonObject obj, String prefix, SettingsReader r) {
    for (Map.Entry<String, Object> e : obj) {
      String path = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
      if (ConfigKeys.leaf(path).isPresent()) {
        continue;
      }
      if (!ConfigKeys.isSection(path)) {
        throw r.error(path, "unknown key; known keys here: " + knownUnder(prefix));
      }
      if (e.getValue() instanceof JsonObject section) {
        rejectUnknownKeys(section, path, r);
      } else if (e.getValue() != null) {
        throw r.error(path, "must be a section with keys " + knownUnder(path));
      }
    }
  }

  private static String knownUnder(String prefix) {
    String start = prefix.isEmpty() ? "" : prefix + ".";
    return ConfigKeys.ALL.stream()
        .map(Key::path)
        .filter(p -> p.startsWith(start))
        .map(p -> p.substring(start.length()).split("\\.")[0])
        .distinct()
        .collect(Collectors.joining(", "));
  }

  private static Settings.Listen listen(SettingsReader r) {
    String host = r.string(LISTEN_HOST);
    LoopbackHost.problem(host)
        .ifPresent(
            p -> {
              throw r.error(LISTEN_HOST, p);
            });
    int port = r.port(LISTEN_PORT);
    int imdsPort = r.port(LISTEN_IMDS_PORT);
    if (port != 0 && port == imdsPort) {
      throw r.error(
          LISTEN_IMDS_PORT, imdsPort + " is also listen.port; IMDS needs a port of its own (or 0)");
    }
    return new Settings.Listen(host, port, imdsPort, allowUids(r));
  }

  /**
   * {@code listen.allowUsers} as uids. Only Linux checks connections, so only there are names
   * looked up (elsewhere the list is unused, and a name may not even be listed).
   */
  private static Set<Integer> allowUids(SettingsReader r) {
    List<String> users = r.stringList(LISTEN_ALLOW_USERS);
    if (users.isEmpty() || Os.current() != Os.LINUX) {
      return Set.of();
    }
    Set<Integer> uids = new TreeSet<>();
    for (String user : users) {
      OptionalInt uid = UnixUsers.uidOf(user);
      if (uid.isEmpty()) {
        throw r.error(
            LISTEN_ALLOW_USERS,
            "no user '"
                + user
                + "' here (/etc/passwd does not list it); give an existing user's name or"
                + " its numeric uid");
      }
      uids.add(uid.getAsInt());
    }
    return uids;
  }

  private static Optional<String> region(SettingsReader r) {
    Optional<String> region = r.optionalString(REGION);
    if (region.isPresent() && !REGION_SHAPE.matcher(region.get()).matches()) {
      throw r.error(REGION, "'" + region.get() + "' is not a region name such as eu-west-1");
    }
    return region;
  }

  private static Settings.Refresh refresh(SettingsReader r) {
    Duration margin = r.positiveDuration(REFRESH_MARGIN);
    Duration minRemaining = r.duration(REFRESH_MIN_REMAINING);
    if (minRemaining.compareTo(margin) >= 0) {
      throw r.error(REFRESH_MIN_REMAINING, "must be less than refresh.margin (" + margin + ")");
    }
    Duration backoffInitial = r.positiveDuration(REFRESH_BACKOFF_INITIAL);
    Duration backoffMax = r.duration(REFRESH_BACKOFF_MAX);
    if (backoffMax.compareTo(backoffInitial) < 0) {
      throw r.error(
          REFRESH_BACKOFF_MAX, "must be at least refresh.backoffInitial (" + backoffInitial + ")");
    }
    return new Settings.Refresh(margin, minRemaining, backoffInitial, backoffMax);
  }

  private static Optional<URI> stsEndpoint(SettingsReader r) {
    Optional<String> text = r.optionalString(STS_ENDPOINT);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    String problem = "'" + text.get() + "' is not an http or https URL";
    try {
      URI uri = new URI(text.get());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw r.error(STS_ENDPOINT, problem);
      }
      return Optional.of(uri);
    } catch (URISyntaxException e) {
      throw r.error(STS_ENDPOINT, problem);
    }
  }

  /**
   * The {@code sync} section: each target maps a served profile to a section name of the
   * credentials file, and no two profiles share a section (they would overwrite each other).
   */
  private static Settings.Sync sync(SettingsReader r, List<String> profiles) {
    Map<String, String> targets = r.stringMap(SYNC_TARGETS);
    Set<String> sections = new HashSet<>();
    for (Map.Entry<String, String> t : targets.entrySet()) {
      ProfileNames.served(r, SYNC_TARGETS, Optional.of(t.getKey()), profiles);
      if (!ProfileNames.usable(t.getValue())) {
        throw r.error(
            SYNC_TARGETS,
            t.getKey()
                + ": '"
                + t.getValue()
                + "' is not a usable section name (no spaces, brackets, '#', ';' or '=')");
      }
      if (!sections.add(t.getValue())) {
        throw r.error(
            SYNC_TARGETS,
            t.getKey()
                + ": section '"
                + t.getValue()
                + "' is already the target of another"
                + " profile");
      }
    }
    return new Settings.Sync(r.path(SYNC_FILE), r.bool(SYNC_REMOVE_ON_SHUTDOWN), targets);
  }

  private static Settings.LogLevel logLevel(SettingsReader r) {
    String level = r.string(LOG_LEVEL).toUpperCase(Locale.ROOT);
    return Arrays.stream(Settings.LogLevel.values())
        .filter(l -> l.name().equals(level))
        .findFirst()
        .orElseThrow(
            () ->
                r.error(
                    LOG_LEVEL,
                    "'"
                        + level
                        + "' is not a log level; use "
                        + Arrays.toString(Settings.LogLevel.values())));
  }
}
