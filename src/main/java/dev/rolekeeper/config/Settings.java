package dev.rolekeeper.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The daemon's own settings, validated and immutable. Built only by {@link SettingsParser} (through
 * {@link SettingsLoader}); an empty setting in the file is an empty {@link Optional} here, and
 * {@link dev.rolekeeper.paths.UserPaths} turns the path settings into effective paths.
 *
 * @param listen where the HTTP endpoints listen (loopback only)
 * @param served what is served, and through which doors besides the container endpoint
 * @param refresh refresh timing
 * @param mfa how and when MFA codes are asked for
 * @param sts STS endpoint override
 * @param daemon the daemon process's own state directory and log level
 */
public record Settings(
    Listen listen, Served served, Refresh refresh, Mfa mfa, Sts sts, Daemon daemon) {

  public Settings {
    Objects.requireNonNull(listen, "listen");
    Objects.requireNonNull(served, "served");
    Objects.requireNonNull(refresh, "refresh");
    Objects.requireNonNull(mfa, "mfa");
    Objects.requireNonNull(sts, "sts");
    Objects.requireNonNull(daemon, "daemon");
  }

  /**
   * What is served (the top-level {@code profiles} and {@code region}, and the {@code imds} and
   * {@code sync} sections, which name served profiles).
   *
   * @param profiles profile names to serve; empty means every role profile found in ~/.aws/config
   * @param region region for STS and clients; empty means the profile's region, else us-east-1
   * @param imds whether IMDS listens, and which profile it serves
   * @param sync credentials-file sync
   */
  public record Served(List<String> profiles, Optional<String> region, Imds imds, Sync sync) {

    public Served {
      profiles = List.copyOf(profiles);
      Objects.requireNonNull(region, "region");
      Objects.requireNonNull(imds, "imds");
      Objects.requireNonNull(sync, "sync");
    }
  }

  /**
   * The daemon process's own settings (the top-level {@code stateDir} and {@code logLevel}).
   *
   * @param stateDir the state directory as written ({@code ~/} allowed); empty means the XDG
   *     default
   * @param logLevel root log level
   */
  public record Daemon(Optional<String> stateDir, LogLevel logLevel) {

    public Daemon {
      Objects.requireNonNull(stateDir, "stateDir");
      Objects.requireNonNull(logLevel, "logLevel");
    }
  }

  /**
   * Listening addresses. {@code host} is {@code localhost} or an IPv4 literal in 127.0.0.0/8, never
   * anything else.
   *
   * @param host the host as configured
   * @param port container credentials, control routes and MFA page; 0 = any free port
   * @param imdsPort IMDSv2; 0 = any free port
   * @param allowUids uids admitted besides the daemon's own user ({@code listen.allowUsers},
   *     resolved from names when read; empty where connections are not checked)
   */
  public record Listen(String host, int port, int imdsPort, Set<Integer> allowUids) {

    public Listen {
      allowUids = Set.copyOf(allowUids);
    }

    /** Admitting no other user. */
    public Listen(String host, int port, int imdsPort) {
      this(host, port, imdsPort, Set.of());
    }

    /**
     * The IPv4 literal to bind to and to put in URIs: {@code localhost} becomes {@code 127.0.0.1}.
     */
    public String bindAddress() {
      return LoopbackHost.bindAddress(host);
    }
  }

  /**
   * IMDSv2, which has no client secret: any process of the user may read the role it serves, so it
   * is off unless turned on.
   *
   * @param enabled whether the daemon opens the IMDS port at all
   * @param profile the profile IMDSv2 serves; empty = the one served profile when there is exactly
   *     one, else none (never one chosen among several)
   */
  public record Imds(boolean enabled, Optional<String> profile) {}

  /**
   * Refresh timing.
   *
   * @param margin refresh this long before expiry
   * @param minRemaining never serve with less than this left when STS allows; less than {@code
   *     margin}
   * @param backoffInitial first retry delay after a failure
   * @param backoffMax the largest retry delay; at least {@code backoffInitial}
   */
  public record Refresh(
      Duration margin, Duration minRemaining, Duration backoffInitial, Duration backoffMax) {}

  /**
   * MFA prompting.
   *
   * @param leadTime how long before clients would notice a code is asked for
   * @param prompts ways to ask, in order, without duplicates, never empty
   * @param promptTimeout how long a prompt waits for an answer
   * @param sessionDuration GetSessionToken duration, 15 minutes to 36 hours
   * @param process a command line that prints a code, as written; how to run it is the mfa
   *     package's business
   * @param processTimeout how long that command may run
   */
  public record Mfa(
      Duration leadTime,
      List<PromptWay> prompts,
      Duration promptTimeout,
      Duration sessionDuration,
      Optional<String> process,
      Duration processTimeout) {

    public Mfa {
      prompts = List.copyOf(prompts);
    }
  }

  /**
   * Credentials-file sync.
   *
   * @param file the credentials file as written ({@code ~/} allowed); empty =
   *     AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials
   * @param removeOnShutdown remove managed sections when the daemon stops
   * @param targets served profile to section name; section names are distinct
   */
  public record Sync(Optional<String> file, boolean removeOnShutdown, Map<String, String> targets) {

    public Sync {
      targets = Map.copyOf(targets);
    }
  }

  /**
   * STS.
   *
   * @param endpoint an http(s) STS endpoint override; empty = AWS_ENDPOINT_URL_STS, else the AWS
   *     default
   * @param callTimeout the longest one STS call may take, connecting included
   */
  public record Sts(Optional<URI> endpoint, Duration callTimeout) {

    /**
     * The endpoint in effect: this override, else {@code AWS_ENDPOINT_URL_STS} in {@code env};
     * empty means the SDK's default endpoint.
     *
     * @throws SettingsException if {@code AWS_ENDPOINT_URL_STS} is not a URL
     */
    public Optional<URI> effectiveEndpoint(Map<String, String> env) {
      if (endpoint.isPresent()) {
        return endpoint;
      }
      return Optional.ofNullable(env.get("AWS_ENDPOINT_URL_STS"))
          .filter(text -> !text.isBlank())
          .map(
              text -> {
                try {
                  return new URI(text);
                } catch (URISyntaxException e) {
                  throw new SettingsException(
                      "environment variable AWS_ENDPOINT_URL_STS: '" + text + "' is not a URL");
                }
              });
    }
  }

  /** The daemon's root log level, named as in SLF4J/logback. */
  public enum LogLevel {
    TRACE,
    DEBUG,
    INFO,
    WARN,
    ERROR,
    OFF
  }
}
