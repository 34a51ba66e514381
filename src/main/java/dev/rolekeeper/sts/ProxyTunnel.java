package dev.rolekeeper.sts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLSocketFactory;

/**
 * TLS through an HTTP proxy with a {@code CONNECT} we send ourselves. The JDK's own tunnelling
 * leaves out a {@code Proxy-Authorization} header set on the connection, and answers a 407 with
 * Basic credentials only when {@code jdk.http.auth.tunneling.disabledSchemes} allows it, a JVM-wide
 * switch; botocore sends the proxy URL's credentials with the {@code CONNECT}, and so does this.
 *
 * <p>The HTTPS connection is opened "direct" with this factory: its unconnected socket connects to
 * the proxy and asks for a tunnel to the address the connection wanted; the TLS layer then wraps
 * that socket as it would any other, with the same trust and host-name checks. The JDK looks the
 * endpoint's name up before handing the address over (an unknown name is passed on unresolved and
 * the tunnel asks for it by name), one lookup the JDK's own tunnel does not make: so this is used
 * only when credentials must go with the CONNECT.
 */
final class ProxyTunnel extends SSLSocketFactory {

  /** The longest CONNECT answer head read; real ones are a few hundred bytes. */
  private static final int MAX_HEAD = 16 * 1024;

  private final SSLSocketFactory tls;
  private final ProxyServer proxy;

  ProxyTunnel(SSLSocketFactory tls, ProxyServer proxy) {
    this.tls = tls;
    this.proxy = proxy;
  }

  @Override
  public Socket createSocket() {
    return new TunnelSocket(proxy);
  }

  @Override
  public Socket createSocket(Socket socket, String host, int port, boolean autoClose)
      throws IOException {
    return tls.createSocket(socket, host, port, autoClose);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return tunnelTo(InetSocketAddress.createUnresolved(host, port), host, port);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return createSocket(host, port);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return tunnelTo(new InetSocketAddress(host, port), host.getHostAddress(), port);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return createSocket(address, port);
  }

  private Socket tunnelTo(InetSocketAddress target, String host, int port) throws IOException {
    Socket socket = createSocket();
    socket.connect(target, (int) AwsNetwork.CONNECT_TIMEOUT.toMillis());
    return tls.createSocket(socket, host, port, true);
  }

  @Override
  public String[] getDefaultCipherSuites() {
    return tls.getDefaultCipherSuites();
  }

  @Override
  public String[] getSupportedCipherSuites() {
    return tls.getSupportedCipherSuites();
  }

  /** A socket whose {@code connect} reaches the target through the proxy. */
  private static final class TunnelSocket extends Socket {

    private final ProxyServer proxy;

    TunnelSocket(ProxyServer proxy) {
      this.proxy = proxy;
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
      connect(endpoint, 0);
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
      InetSocketAddress target = (InetSocketAddress) endpoint;
      super.connect(new InetSocketAddress(proxy.host(), proxy.port()), timeout);
      try {
        String authority = authority(target.getHostString(), target.getPort());
        StringBuilder request =
            new StringBuilder("CONNECT ")
                .append(authority)
                .append(" HTTP/1.1\r\nHost: ")
                .append(authority)
                .append("\r\n");
        String authorization = proxy.authorization();
        if (authorization != null) {
          request.append("Proxy-Authorization: ").append(authorization).append("\r\n");
        }
        request.append("\r\n");
        int before = getSoTimeout();
        // The proxy's answer is due within the connect timeout, as the connection itself was.
        setSoTimeout(timeout);
        OutputStream out = getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String status = statusLine(getInputStream());
        setSoTimeout(before);
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[1].equals("200")) {
          throw new IOException(
              "the proxy "
                  + proxy
                  + " refused a tunnel to "
                  + authority
                  + ": \""
                  + status
                  + "\""
                  + (parts.length > 1 && parts[1].equals("407")
                      ? (authorization == null
                          ? " (it wants credentials: put user:password@ in the proxy URL)"
                          : " (it did not accept the user and password in the proxy URL)")
                      : ""));
        }
      } catch (IOException e) {
        close();
        throw e;
      }
    }

    private static String authority(String host, int port) {
      return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** Reads the answer's head up to its blank line, leaving the tunnel's bytes unread. */
    private static String statusLine(InputStream in) throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("the proxy closed the connection instead of answering CONNECT");
        }
        head.write(b);
        if (head.size() > MAX_HEAD) {
          throw new IOException("the proxy's answer to CONNECT is too long");
        }
        boolean expected = (matched % 2 == 0) ? b == '\r' : b == '\n';
        matched = expected ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      String text = head.toString(StandardCharsets.ISO_8859_1);
      return text.substring(0, text.indexOf("\r\n"));
    }
  }
}
