package dev.rolekeeper.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The fresh-connection latency of the container route: N requests one after another, each on a new
 * TCP connection, timed from just before {@code connect} to the first byte of the answer (what an
 * SDK that opens a connection per credential fetch waits). A warm-up of W requests runs first and
 * is not counted. Prints one line: {@code n=… ok=… p50_us=… p90_us=… p99_us=… max_us=…}.
 *
 * <p>Usage: {@code FreshConnections PORT PROFILE TOKEN_FILE N W}. Exits 1 if any answer is not 200.
 */
public final class FreshConnections {

  private FreshConnections() {}

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    String profile = args[1];
    String token = Files.readString(Path.of(args[2])).strip();
    int n = Integer.parseInt(args[3]);
    int warmup = Integer.parseInt(args[4]);
    byte[] request =
        ("GET /v1/credentials/"
                + profile
                + " HTTP/1.1\r\nHost: 127.0.0.1:"
                + port
                + "\r\nAuthorization: "
                + token
                + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < warmup; i++) {
      once(port, request);
    }
    long[] micros = new long[n];
    int ok = 0;
    for (int i = 0; i < n; i++) {
      long[] took = new long[1];
      if (once(port, request, took)) {
        ok++;
      }
      micros[i] = took[0];
    }
    Arrays.sort(micros);
    System.out.printf(
        "n=%d ok=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d%n",
        n, ok, at(micros, 0.5), at(micros, 0.9), at(micros, 0.99), micros[n - 1]);
    System.exit(ok == n ? 0 : 1);
  }

  private static void once(int port, byte[] request) throws IOException {
    once(port, request, new long[1]);
  }

  /** One request on a new connection; {@code took[0]} gets connect-to-first-byte in µs. */
  private static boolean once(int port, byte[] request, long[] took) throws IOException {
    long start = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(10_000);
      socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      InputStream in = socket.getInputStream();
      int first = in.read();
      took[0] = (System.nanoTime() - start) / 1_000;
      if (first < 0) {
        return false;
      }
      byte[] rest = in.readAllBytes();
      String head =
          (char) first + new String(rest, 0, Math.min(rest.length, 16), StandardCharsets.US_ASCII);
      return head.startsWith("HTTP/1.1 200");
    }
  }

  private static long at(long[] sorted, double q) {
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
