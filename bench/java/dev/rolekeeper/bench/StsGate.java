package dev.rolekeeper.bench;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP gate in front of the STS simulator: forwards connections byte for byte (so SigV4
 * signatures, which cover the Host header, still verify), or, while held, accepts them and keeps
 * them waiting until {@link #release()}.
 *
 * <p>The cold-start storm uses it to keep the daemon's first STS call in flight until every storm
 * request has been sent, so the storm surely meets a session that is still being fetched.
 */
final class StsGate {

  private static final String HOST = "127.0.0.1";

  private final Vertx vertx;
  private final int upstreamPort;
  private final NetClient client;
  private final List<NetSocket> held = new ArrayList<>();
  private boolean holding;

  StsGate(Vertx vertx, int upstreamPort) {
    this.vertx = vertx;
    this.upstreamPort = upstreamPort;
    this.client = vertx.createNetClient();
  }

  /** Listens on a free loopback port; completes with it. */
  Future<Integer> start() {
    return vertx
        .createNetServer()
        .connectHandler(this::accepted)
        .listen(0, HOST)
        .map(NetServer::actualPort);
  }

  /** New connections wait from now on, until {@link #release()}. */
  synchronized void hold() {
    holding = true;
  }

  /** Forwards the waiting connections and every later one. */
  void release() {
    List<NetSocket> waiting;
    synchronized (this) {
      holding = false;
      waiting = List.copyOf(held);
      held.clear();
    }
    waiting.forEach(this::forward);
  }

  /** Connections waiting now. */
  synchronized int held() {
    return held.size();
  }

  private void accepted(NetSocket socket) {
    socket.pause();
    synchronized (this) {
      if (holding) {
        held.add(socket);
        return;
      }
    }
    forward(socket);
  }

  private void forward(NetSocket socket) {
    client
        .connect(upstreamPort, HOST)
        .onSuccess(
            upstream -> {
              socket.pipeTo(upstream);
              upstream.pipeTo(socket);
            })
        .onFailure(failure -> socket.close());
  }
}
