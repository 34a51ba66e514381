package dev.rolekeeper.sts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP forward proxy on loopback for tests: absolute-URI requests are forwarded, {@code
 * CONNECT} opens a tunnel, an optional Basic credential is demanded (407 otherwise), and every
 * request head it receives is recorded. Host names given to {@link #route} resolve through the
 * proxy alone, so a client that bypasses the proxy cannot reach them.
 */
public final class ForwardProxy implements AutoCloseable {

  /**
   * One request as the proxy received it.
   *
   * @param method the method ({@code CONNECT}, {@code POST}, ...)
   * @param target the request target ({@code host:port} for CONNECT, an absolute URI otherwise)
   * @param proxyAuthorization the {@code Proxy-Authorization} header, or null
   * @param status the status the proxy itself answered (407, 502), or 0 when it passed the request
   *     on
   */
  public record Seen(String method, String target, String proxyAuthorization, int status) {}

  private final ServerSocket server;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "test-forward-proxy");
            thread.setDaemon(true);
            return thread;
          });
  private final Map<String, InetSocketAddress> routes = new ConcurrentHashMap<>();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private volatile String expectedAuthorization;

  private ForwardProxy(ServerSocket server) {
    this.server = server;
  }

  /** Starts listening on a free port of 127.0.0.1. */
  public static ForwardProxy start() throws IOException {
    ForwardProxy proxy =
        new ForwardProxy(new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1")));
    proxy.threads.execute(proxy::acceptLoop);
    return proxy;
  }

  /** Requests for {@code host} (any port) go to 127.0.0.1:{@code port}. */
  public ForwardProxy route(String host, int port) {
    routes.put(host.toLowerCase(Locale.ROOT), new InetSocketAddress("127.0.0.1", port));
    return this;
  }

  /** From now on every request must carry these Basic credentials, else it gets 407. */
  public ForwardProxy requireBasic(String user, String password) {
    expectedAuthorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return this;
  }

  public int port() {
    return server.getLocalPort();
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String url() {
    return "http://127.0.0.1:" + port();
  }

  /** Every request head received so far, in order. */
  public List<Seen> seen() {
    return List.copyOf(seen);
  }

  @Override
  public void close() throws IOException {
    server.close();
    threads.shutdownNow();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        threads.execute(() -> serve(client));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket client) {
    try (client) {
      InputStream in = client.getInputStream();
      String head = RequestHead.read(in);
      if (head == null) {
        return;
      }
      String[] lines = head.split("\r\n");
      String[] requestLine = lines[0].split(" ");
      String method = requestLine[0];
      String target = requestLine[1];
      String authorization = RequestHead.header(lines, "Proxy-Authorization");
      String expected = expectedAuthorization;
      if (expected != null && !expected.equals(authorization)) {
        seen.add(new Seen(method, target, authorization, 407));
        answer(
            client,
            "407 Proxy Authentication Required",
            "Proxy-Authenticate: Basic realm=\"test\"\r\n");
        return;
      }
      if (method.equals("CONNECT")) {
        tunnel(client, in, method, target, authorization);
      } else {
        forward(client, in, lines, method, target, authorization);
      }
    } catch (IOException e) {
      // The client or the target went away: nothing to record beyond what was seen.
    }
  }

  private void tunnel(Socket client, InputStream in, String method, String target, String auth)
      throws IOException {
    int colon = target.lastIndexOf(':');
    InetSocketAddress address =
        resolve(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)));
    if (address == null) {
      seen.add(new Seen(method, target, auth, 502));
      answer(client, "502 Bad Gateway", "");
      return;
    }
    seen.add(new Seen(method, target, auth, 0));
    try (Socket upstream = new Socket(address.getAddress(), address.getPort())) {
      OutputStream out = client.getOutputStream();
      out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      pipe(in, out, upstream);
    }
  }

  private void forward(
      Socket client, InputStream in, String[] lines, String method, String target, String auth)
      throws IOException {
    URI uri = URI.create(target);
    InetSocketAddress address =
        uri.getHost() == null
            ? null
            : resolve(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort());
    if (address == null) {
      seen.add(new Seen(method, target, auth, 502));
      answer(client, "502 Bad Gateway", "");
      return;
    }
    seen.add(new Seen(method, target, auth, 0));
    StringBuilder head = new StringBuilder();
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      path += "?" + uri.getRawQuery();
    }
    head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    for (int i = 1; i < lines.length; i++) {
      String name = lines[i].substring(0, Math.max(0, lines[i].indexOf(':'))).trim();
      if (!name.equalsIgnoreCase("Proxy-Authorization")
          && !name.equalsIgnoreCase("Proxy-Connection")
          && !name.equalsIgnoreCase("Connection")) {
        head.append(lines[i]).append("\r\n");
      }
    }
    // One request per connection: the target closes after answering, which ends the pipe.
    head.append("Connection: close\r\n\r\n");
    try (Socket upstream = new Socket(address.getAddress(), address.getPort())) {
      upstream.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      pipe(in, client.getOutputStream(), upstream);
    }
  }

  /** Copies client → upstream on another thread and upstream → client here, until upstream ends. */
  private void pipe(InputStream fromClient, OutputStream toClient, Socket upstream)
      throws IOException {
    OutputStream toUpstream = upstream.getOutputStream();
    threads.execute(
        () -> {
          try {
            fromClient.transferTo(toUpstream);
            upstream.shutdownOutput();
          } catch (IOException e) {
            // Either side closed: the other direction ends by itself.
          }
        });
    upstream.getInputStream().transferTo(toClient);
    toClient.flush();
  }

  private InetSocketAddress resolve(String host, int port) {
    InetSocketAddress routed = routes.get(host.toLowerCase(Locale.ROOT));
    if (routed != null) {
      return routed;
    }
    InetSocketAddress direct = new InetSocketAddress(host, port);
    return direct.isUnresolved() ? null : direct;
  }

  private static void answer(Socket client, String status, String headers) throws IOException {
    OutputStream out = client.getOutputStream();
    out.write(
        ("HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: 0\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }
}
