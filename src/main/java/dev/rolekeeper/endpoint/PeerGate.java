package dev.rolekeeper.endpoint;

import dev.rolekeeper.os.TcpSockets;
import dev.rolekeeper.os.TcpSockets.Connection;
import dev.rolekeeper.os.UnixUsers;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Admits a connection only when its client end belongs to this process's user or to a user the
 * settings admit ({@code listen.allowUsers}); any other connection is closed before its first
 * request is answered. Decided once per connection, from the TCP socket table ({@link TcpSockets}).
 * Default-deny: a client end the table does not show (it closed) is refused too.
 *
 * <p>The table is read on a worker, never on an event loop: the kernel walks its whole socket hash
 * to render it, milliseconds on a machine with much memory. Connections that arrive while a read
 * runs wait for the next one, which answers all of them in one pass; so a flood of connections
 * costs one read after another, not one read each, and the owner's connection waits for at most
 * two.
 *
 * <p>Where the table cannot be read (macOS, {@code /proc} not mounted) or this process's uid is
 * unknown, nothing is checked ({@link #enabled()} is false) and {@link #describe()} says so.
 */
final class PeerGate {

  private final Vertx vertx;
  private final TcpSockets sockets;
  private final Set<Integer> admitted;
  private final int ownUid;
  private final boolean enabled;
  private final String description;
  private final PeerRefusals refusals = new PeerRefusals();
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean reading = new AtomicBoolean();

  private record Pending(Connection connection, Context context, Handler<Boolean> verdict) {}

  PeerGate(Vertx vertx, TcpSockets sockets, OptionalInt ownUid, Set<Integer> allowUids) {
    this.vertx = vertx;
    this.sockets = sockets;
    this.enabled = ownUid.isPresent() && sockets.available();
    this.ownUid = ownUid.orElse(-1);
    Set<Integer> uids = new TreeSet<>(allowUids);
    uids.add(this.ownUid);
    this.admitted = Set.copyOf(uids);
    this.description = describe(enabled, this.ownUid, admitted);
  }

  /**
   * The system's table and this process's uid. Blocking (reads {@code /proc}, {@code /etc/passwd}).
   */
  static PeerGate system(Vertx vertx, Set<Integer> allowUids) {
    return new PeerGate(vertx, TcpSockets.system(), UnixUsers.currentUid(), allowUids);
  }

  /** Whether connections are checked here. */
  boolean enabled() {
    return enabled;
  }

  /** One line for the log and {@code status}: who may connect. */
  String describe() {
    return description;
  }

  private static String describe(boolean enabled, int ownUid, Set<Integer> admitted) {
    if (!enabled) {
      return "other local users: not checked on this platform (any local user can connect)";
    }
    String others =
        admitted.stream()
            .filter(uid -> uid != ownUid)
            .map(UnixUsers::describe)
            .collect(Collectors.joining(", "));
    return "other local users: refused; only "
        + UnixUsers.describe(ownUid)
        + " admitted"
        + (others.isEmpty() ? "" : ", and " + others + " (listen.allowUsers)");
  }

  /**
   * Decides on {@code connection}: {@code verdict} is called on the caller's context with true to
   * admit it. Call on the connection's event loop, once.
   */
  void check(HttpConnection connection, Handler<Boolean> verdict) {
    Connection ends;
    try {
      ends = ends(connection.remoteAddress(), connection.localAddress());
    } catch (IOException e) {
      verdict.handle(false);
      return;
    }
    queue.add(new Pending(ends, vertx.getOrCreateContext(), verdict));
    if (reading.compareAndSet(false, true)) {
      vertx.executeBlocking(this::readWhilePending, false);
    }
  }

  private Void readWhilePending() {
    do {
      List<Pending> batch = new ArrayList<>();
      for (Pending p; (p = queue.poll()) != null; ) {
        batch.add(p);
      }
      if (!batch.isEmpty()) {
        decide(batch);
      }
      reading.set(false);
      // one that arrived after the poll above, before the flag was cleared, is read for here
    } while (!queue.isEmpty() && reading.compareAndSet(false, true));
    return null;
  }

  private void decide(List<Pending> batch) {
    Map<Connection, Integer> owners;
    try {
      owners = sockets.clientOwners(batch.stream().map(Pending::connection).toList());
    } catch (IOException | RuntimeException e) {
      owners = Map.of();
    }
    for (Pending p : batch) {
      Integer uid = owners.get(p.connection());
      boolean admit = uid != null && admitted.contains(uid);
      if (!admit && uid != null) {
        refusals.refused(uid, p.connection().serverPort(), admitted);
      }
      p.context().runOnContext(v -> p.verdict().handle(admit));
    }
  }

  private static Connection ends(SocketAddress client, SocketAddress server) throws IOException {
    if (client == null || server == null) {
      throw new IOException("not a TCP connection");
    }
    // IP literals, so no name is looked up
    return new Connection(
        InetAddress.getByName(client.hostAddress()),
        client.port(),
        InetAddress.getByName(server.hostAddress()),
        server.port());
  }
}
