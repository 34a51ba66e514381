package dev.rolekeeper.listen;

import dev.rolekeeper.os.ClientOwners;
import dev.rolekeeper.os.SockDiag;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits a connection only when its client end belongs to this process's user or to a user the
 * settings admit ({@code listen.allowUsers}); any other connection is closed before its first
 * request is answered. Decided once per connection, by the kernel. Default-deny: a client end the
 * kernel does not show (it closed) is refused too.
 *
 * <p>Where the kernel's socket diagnostics can be used ({@link SockDiag}, chosen once when the gate
 * is made), the connection is looked up right on its event loop: a hash look-up in kernel memory, a
 * few microseconds of system calls that never wait, cheaper than handing the connection to a worker
 * and back. Otherwise the TCP socket table ({@link TcpSockets}) is read on a worker, never on an
 * event loop: the kernel walks its whole socket hash to render it, milliseconds on a machine with
 * much memory. Connections that arrive while a read runs wait for the next one, which answers all
 * of them in one pass; so a flood of connections costs one read after another, not one read each,
 * and the owner's connection waits for at most two.
 *
 * <p>Where neither can be used (macOS, {@code /proc} not mounted) or this process's uid is unknown,
 * nothing is checked ({@link #enabled()} is false) and {@link #describe()} says so.
 *
 * <p>Every loopback listener the daemon opens is gated by one: the endpoints (one gate per endpoint
 * verticle) and the console sign-in's redirect listener (one per sign-in). A gate is hooked into a
 * server through {@link RequestDeadlines}, which holds each connection's requests until the gate
 * has decided. Used on one event loop only; {@link #close()} there once no connection comes.
 */
public final class PeerGate implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PeerGate.class);

  /** Opens the direct look-up, or fails where it cannot be used here. */
  @FunctionalInterface
  interface Direct {
    ClientOwners open() throws IOException;
  }

  private final Vertx vertx;
  // null where socket diagnostics cannot be used: then the table, on a worker
  private final ClientOwners direct;
  private final TcpSockets sockets;
  private final Set<Integer> admitted;
  private final int ownUid;
  private final boolean enabled;
  private final String description;
  private final PeerRefusals refusals = new PeerRefusals();
  private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean reading = new AtomicBoolean();

  private record Pending(Connection connection, Context context, Handler<Boolean> verdict) {}

  PeerGate(
      Vertx vertx,
      TcpSockets sockets,
      ClientOwners direct,
      OptionalInt ownUid,
      Set<Integer> allowUids) {
    this.vertx = vertx;
    this.sockets = sockets;
    this.direct = direct;
    this.enabled = ownUid.isPresent() && (direct != null || sockets.available());
    this.ownUid = ownUid.orElse(-1);
    Set<Integer> uids = new TreeSet<>(allowUids);
    uids.add(this.ownUid);
    this.admitted = Set.copyOf(uids);
    this.description = describe(enabled, direct != null, this.ownUid, admitted);
  }

  /**
   * The kernel's socket diagnostics where they answer here, else the system's table; this process's
   * uid. Blocking (loads a native library, reads {@code /proc} and {@code /etc/passwd}).
   *
   * @param allowUids the uids admitted besides this process's own ({@code listen.allowUsers})
   */
  public static PeerGate system(Vertx vertx, Set<Integer> allowUids) {
    OptionalInt uid = UnixUsers.currentUid();
    return choose(vertx, TcpSockets.system(), () -> SockDiag.open(uid), uid, allowUids);
  }

  /** With {@code direct} if it opens, else the table {@code sockets}. Blocking. */
  static PeerGate choose(
      Vertx vertx, TcpSockets sockets, Direct direct, OptionalInt ownUid, Set<Integer> allowUids) {
    ClientOwners opened = null;
    if (ownUid.isPresent()) {
      try {
        opened = direct.open();
        LOG.debug("connections' users: looked up with the kernel's socket diagnostics (netlink)");
      } catch (IOException | RuntimeException | LinkageError e) {
        LOG.debug(
            "connections' users: read from the socket tables on a worker (socket diagnostics"
                + " cannot be used here: {})",
            e.toString());
      }
    }
    return new PeerGate(vertx, sockets, opened, ownUid, allowUids);
  }

  /** Releases the direct look-up's socket. On the gate's event loop, once no connection comes. */
  @Override
  public void close() {
    if (direct instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.debug("could not close the socket diagnostics socket: {}", e.toString());
      }
    }
  }

  /** Whether connections are checked here. */
  boolean enabled() {
    return enabled;
  }

  /** One line for the log and {@code status}: who may connect. */
  public String describe() {
    return description;
  }

  private static String describe(
      boolean enabled, boolean direct, int ownUid, Set<Integer> admitted) {
    if (!enabled) {
      return "other local users: not checked on this platform (any local user can connect)";
    }
    String others =
        admitted.stream()
            .filter(uid -> uid != ownUid)
            .map(UnixUsers::describe)
            .collect(Collectors.joining(", "));
    return "other local users: refused"
        + (direct ? " (kernel socket diagnostics)" : " (socket tables)")
        + "; only "
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
    if (direct != null) {
      OptionalInt uid;
      try {
        uid = direct.owner(ends);
      } catch (IOException e) {
        // an answer not understood: the table decides this one
        LOG.debug(
            "socket diagnostics failed for a connection, reading the table: {}", e.toString());
        uid = null;
      }
      if (uid != null) {
        if (uid.isPresent() && admitted.contains(uid.getAsInt())) {
          verdict.handle(true);
        } else if (uid.isPresent() && refusals.due(uid.getAsInt())) {
          // the log names users (/etc/passwd): on a worker, and the connection closed after it
          int refused = uid.getAsInt();
          vertx
              .executeBlocking(() -> refusals.log(refused, ends.serverPort(), admitted), false)
              .onComplete(logged -> verdict.handle(false));
        } else {
          verdict.handle(false);
        }
        return;
      }
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
      if (!admit && uid != null && refusals.due(uid)) {
        refusals.log(uid, p.connection().serverPort(), admitted);
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
