package dev.rolekeeper.sts;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The proxy variables, read as the AWS CLI reads them. botocore takes them from Python's {@code
 * urllib.request.getproxies()} (the environment on Linux) and bypasses through {@code
 * proxy_bypass(netloc)} ({@code botocore.utils.get_environ_proxies}), so its rules are urllib's:
 *
 * <ul>
 *   <li>an https endpoint uses {@code https_proxy}, else {@code HTTPS_PROXY}; an http endpoint
 *       {@code http_proxy}, else {@code HTTP_PROXY}. The lower-case name wins when both are set
 *       (urllib reads the environment twice, the second pass lower-case names only), and a
 *       lower-case name set to the empty string turns the upper-case one off. {@code HTTP_PROXY}
 *       never serves an https endpoint, and {@code ALL_PROXY} is not read (botocore looks proxies
 *       up by the endpoint's scheme alone). Under CGI ({@code REQUEST_METHOD} set) upper-case
 *       {@code HTTP_PROXY} is ignored (urllib's guard against httpoxy);
 *   <li>{@code no_proxy}, else {@code NO_PROXY} (same precedence): {@code *} alone bypasses every
 *       host; otherwise a comma list where an entry matches the host, or {@code host:port}, exactly
 *       or as a domain suffix, with or without a leading dot, case-insensitively. An IP address
 *       matches only as the same text; CIDR blocks are not understood (botocore notes it follows
 *       urllib here, not requests, which does read CIDR).
 * </ul>
 *
 * The Java SDK's own reading differs (URL-connection client 2.57, measured): its {@code
 * ProxyConfiguration} picks the variable by its own {@code scheme} setting, {@code http} unless
 * told otherwise, so {@code HTTP_PROXY} serves https endpoints too and {@code HTTPS_PROXY} alone
 * none; and it matches {@code NO_PROXY} entries as regular expressions of the whole host, so {@code
 * .amazonaws.com} never matches {@code sts.amazonaws.com}. The proxy is therefore chosen here and
 * the connection opened with it explicitly ({@link AwsNetwork}).
 *
 * @param http the proxy for http endpoints, or null
 * @param https the proxy for https endpoints, or null
 * @param noProxy the bypass list as set, or null
 * @param noProxyVariable the variable {@code noProxy} came from, or null
 * @param httpProblem why the variable for http endpoints is not a usable proxy URL, or null
 * @param httpsProblem the same for https endpoints, or null
 */
public record ProxyEnvironment(
    ProxyServer http,
    ProxyServer https,
    String noProxy,
    String noProxyVariable,
    String httpProblem,
    String httpsProblem) {

  /**
   * Reads the proxy variables from {@code env}. Never fails: a variable that is not a usable proxy
   * URL fails the calls that would go through it ({@link #proxyFor}), as in botocore, and no
   * others.
   */
  public static ProxyEnvironment from(Map<String, String> env) {
    boolean cgi = env.containsKey("REQUEST_METHOD");
    String httpName = chosen(env, "http_proxy", cgi ? null : "HTTP_PROXY");
    String httpsName = chosen(env, "https_proxy", "HTTPS_PROXY");
    String noName = chosen(env, "no_proxy", "NO_PROXY");
    String[] problems = new String[2];
    ProxyServer http = parse(env, httpName, problems, 0);
    ProxyServer https = parse(env, httpsName, problems, 1);
    return new ProxyEnvironment(
        http, https, noName == null ? null : env.get(noName), noName, problems[0], problems[1]);
  }

  private static ProxyServer parse(
      Map<String, String> env, String name, String[] problems, int index) {
    if (name == null) {
      return null;
    }
    try {
      return ProxyServer.parse(name, env.get(name));
    } catch (IllegalArgumentException e) {
      problems[index] = e.getMessage();
      return null;
    }
  }

  /** The name of the variable that counts, or null: lower case first, set-but-empty means none. */
  private static String chosen(Map<String, String> env, String lower, String upper) {
    String value = env.get(lower);
    if (value != null) {
      return value.isEmpty() ? null : lower;
    }
    if (upper == null) {
      return null;
    }
    value = env.get(upper);
    return value == null || value.isEmpty() ? null : upper;
  }

  /**
   * The proxy a call to {@code endpoint} goes through, or empty to go direct.
   *
   * @throws NetworkSetupException when the variable that would serve it is not a proxy URL (the
   *     message names the variable, never its value)
   */
  public Optional<ProxyServer> proxyFor(URI endpoint) {
    boolean tls = "https".equalsIgnoreCase(endpoint.getScheme());
    String problem = tls ? httpsProblem : httpProblem;
    if (problem != null && !bypasses(endpoint)) {
      throw NetworkSetupException.proxy(problem);
    }
    ProxyServer proxy = tls ? https : http;
    if (proxy == null || bypasses(endpoint)) {
      return Optional.empty();
    }
    return Optional.of(proxy);
  }

  /** Whether {@code no_proxy}/{@code NO_PROXY} sends {@code endpoint} direct (urllib's rules). */
  public boolean bypasses(URI endpoint) {
    if (noProxy == null) {
      return false;
    }
    if (noProxy.equals("*")) {
      return true;
    }
    String host = endpoint.getHost() == null ? "" : endpoint.getHost().toLowerCase(Locale.ROOT);
    // urllib matches both the host alone and the URL's netloc, which has a port only when the URL
    // names one.
    String netloc = endpoint.getPort() < 0 ? host : host + ":" + endpoint.getPort();
    for (String entry : noProxy.split(",")) {
      String name = entry.strip();
      while (name.startsWith(".")) {
        name = name.substring(1);
      }
      name = name.toLowerCase(Locale.ROOT);
      if (name.isEmpty()) {
        continue;
      }
      if (host.equals(name) || netloc.equals(name)) {
        return true;
      }
      if (host.endsWith("." + name) || netloc.endsWith("." + name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Which proxy a call to {@code endpoint} uses, for {@code status} and {@code doctor}: the
   * redacted proxy and its variable, or why it goes direct.
   */
  public String describe(URI endpoint) {
    Optional<ProxyServer> proxy;
    try {
      proxy = proxyFor(endpoint);
    } catch (NetworkSetupException e) {
      return "unusable: " + e.getMessage();
    }
    if (proxy.isPresent()) {
      return proxy.get().toString();
    }
    ProxyServer configured = "https".equalsIgnoreCase(endpoint.getScheme()) ? https : http;
    return configured == null
        ? "none (direct)"
        : "none (direct: " + noProxyVariable + " covers " + endpoint.getHost() + ")";
  }
}
