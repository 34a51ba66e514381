package dev.rolekeeper.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench/serve}'s cold-start storm: waits until the daemon's port accepts connections, then
 * opens N connections, writes {@code GET /v1/credentials/PROFILE} on every one before reading any
 * answer, and prints one line: {@code sent=N ok=… errors=… statuses={…} sent_within_ms=… min_ms=…
 * p50_ms=… max_ms=…} (answer times from the moment the port opened). A first line, {@code
 * sent_within_ms=…}, is printed as soon as the last request has been written, so a driver can then
 * let the daemon's STS call through.
 *
 * <p>Plain sockets rather than an HTTP client library: every request must be on the wire within
 * milliseconds of the port opening, while the daemon is still fetching its first session.
 *
 * <p>Usage: {@code Storm PORT PROFILE TOKEN_FILE N}. Exits 0 when every request was sent and got an
 * answer or a failure it could classify.
 */
public final class Storm {

  private static final Duration WAIT_FOR_PORT = Duration.ofSeconds(30);
  private static final int READ_TIMEOUT_MS = 10_000;
  private static final int READERS = 32;

  private Storm() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: Storm PORT PROFILE TOKEN_FILE N");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    String token = Files.readString(Path.of(args[2])).trim();
    int n = Integer.parseInt(args[3]);
    byte[] request =
        ("GET /v1/credentials/"
                + args[1]
                + " HTTP/1.1\r\nHost: 127.0.0.1:"
                + port
                + "\r\nAuthorization: "
                + token
                + "\r\nConnection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    awaitPort(port);
    long start = System.nanoTime();
    List<Socket> sockets = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Socket socket = new Socket();
      socket.setSoTimeout(READ_TIMEOUT_MS);
      socket.connect(new InetSocketAddress("127.0.0.1", port), READ_TIMEOUT_MS);
      sockets.add(socket);
    }
    for (Socket socket : sockets) {
      socket.getOutputStream().write(request);
    }
    long sent = System.nanoTime() - start;
    System.out.printf("sent_within_ms=%d%n", TimeUnit.NANOSECONDS.toMillis(sent));
    System.out.flush();
    ExecutorService readers = Executors.newFixedThreadPool(READERS);
    List<Future<Outcome>> answers = new ArrayList<>(n);
    for (Socket socket : sockets) {
      answers.add(readers.submit(() -> read(socket, start)));
    }
    List<Outcome> outcomes = new ArrayList<>(n);
    for (Future<Outcome> answer : answers) {
      outcomes.add(answer.get(60, TimeUnit.SECONDS));
    }
    readers.shutdown();
    report(outcomes, sent);
  }

  private static void awaitPort(int port) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT_FOR_PORT.toNanos();
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException notYet) {
        Thread.sleep(1);
      }
    }
    System.err.println(
        "Storm: nothing listens on port " + port + " after " + WAIT_FOR_PORT.toSeconds() + " s");
    System.exit(1);
  }

  /**
   * Reads one answer to its end; the status is the status line's code, or the failure's class name.
   */
  private static Outcome read(Socket socket, long start) {
    try (socket;
        InputStream in = socket.getInputStream()) {
      byte[] all = in.readAllBytes();
      long nanos = System.nanoTime() - start;
      String head = new String(all, 0, Math.min(all.length, 12), StandardCharsets.US_ASCII);
      String status =
          head.startsWith("HTTP/1.1 ") && head.length() >= 12 ? head.substring(9, 12) : "malformed";
      return new Outcome(status, nanos);
    } catch (IOException e) {
      return new Outcome(e.getClass().getSimpleName(), System.nanoTime() - start);
    }
  }

  private static void report(List<Outcome> outcomes, long sentNanos) {
    Map<String, Integer> statuses = new TreeMap<>();
    outcomes.forEach(o -> statuses.merge(o.status(), 1, Integer::sum));
    long[] millis =
        outcomes.stream()
            .mapToLong(o -> TimeUnit.NANOSECONDS.toMillis(o.nanos()))
            .sorted()
            .toArray();
    int ok = statuses.getOrDefault("200", 0);
    System.out.printf(
        "sent=%d ok=%d errors=%d statuses=%s sent_within_ms=%d min_ms=%d p50_ms=%d max_ms=%d%n",
        outcomes.size(),
        ok,
        outcomes.size() - ok,
        statuses,
        TimeUnit.NANOSECONDS.toMillis(sentNanos),
        millis[0],
        millis[millis.length / 2],
        millis[millis.length - 1]);
  }

  private record Outcome(String status, long nanos) {}
}
