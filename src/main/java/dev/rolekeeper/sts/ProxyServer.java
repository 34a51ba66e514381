package dev.rolekeeper.sts;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * An HTTP proxy named by a proxy variable ({@code HTTPS_PROXY=http://user:pass@proxy:3128}). Its
 * password never leaves this record except as the {@code Proxy-Authorization} value: {@link
 * #toString()} and {@link #redacted()} show {@code http://user:***@proxy:3128}.
 *
 * @param variable the environment variable it came from, for messages
 * @param host the proxy's host name or address (an IPv6 literal without brackets)
 * @param port the proxy's port
 * @param username the user from the URL, percent-decoded, or null
 * @param password the password from the URL, percent-decoded, or null; never printed
 */
public record ProxyServer(
    String variable, String host, int port, String username, String password) {

  /**
   * Reads a proxy URL the way botocore does ({@code ProxyConfiguration._fix_proxy_url}): a value
   * without a scheme is taken as {@code http://}, the port defaults to 80, the user and password
   * are percent-decoded. botocore can also speak TLS to an {@code https://} proxy; the JDK's HTTP
   * client cannot, so such a value is refused with a message rather than used differently.
   *
   * @throws IllegalArgumentException naming the variable (never its value, which may hold a
   *     password)
   */
  static ProxyServer parse(String variable, String value) {
    String text = value.strip();
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.startsWith("https:")) {
      throw new IllegalArgumentException(
          variable + " names an https:// proxy; rolekeeper reaches proxies over plain http://");
    }
    if (lower.startsWith("http://")) {
      text = text.substring("http://".length());
    } else if (text.startsWith("//")) {
      text = text.substring(2);
    }
    int slash = text.indexOf('/');
    String authority = slash < 0 ? text : text.substring(0, slash);
    // As urlparse: the user information ends at the last '@' of the authority.
    int at = authority.lastIndexOf('@');
    String userInfo = at < 0 ? null : authority.substring(0, at);
    String hostPort = authority.substring(at + 1);
    String host;
    String portText = null;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        throw invalid(variable);
      }
      host = hostPort.substring(1, close);
      if (hostPort.length() > close + 1) {
        if (hostPort.charAt(close + 1) != ':') {
          throw invalid(variable);
        }
        portText = hostPort.substring(close + 2);
      }
    } else {
      int colon = hostPort.lastIndexOf(':');
      host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      portText = colon < 0 ? null : hostPort.substring(colon + 1);
    }
    if (host.isEmpty()) {
      throw invalid(variable);
    }
    int port = 80;
    if (portText != null && !portText.isEmpty()) {
      try {
        port = Integer.parseInt(portText);
      } catch (NumberFormatException e) {
        throw invalid(variable);
      }
      if (port < 1 || port > 65535) {
        throw invalid(variable);
      }
    }
    String username = null;
    String password = null;
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      username = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
    }
    return new ProxyServer(variable, host, port, username, password);
  }

  private static IllegalArgumentException invalid(String variable) {
    return new IllegalArgumentException(
        variable + " is not a proxy URL of the form http://[user:password@]host[:port]");
  }

  /** Percent-decoding only: a {@code +} in a password is a plus, not a space. */
  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /**
   * The {@code Proxy-Authorization} value, or null. As botocore ({@code proxy_headers_for}), only
   * when the URL holds both a user and a password.
   */
  String authorization() {
    if (username == null || username.isEmpty() || password == null || password.isEmpty()) {
      return null;
    }
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** {@code http://user:***@host:port}, or {@code http://host:port}: safe to log and print. */
  public String redacted() {
    String shownHost = host.contains(":") ? "[" + host + "]" : host;
    String user = username == null ? "" : username + (password == null ? "" : ":***") + "@";
    return "http://" + user + shownHost + ":" + port;
  }

  @Override
  public String toString() {
    return redacted() + " (" + variable + ")";
  }
}
