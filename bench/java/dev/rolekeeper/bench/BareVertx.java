package dev.rolekeeper.bench;

import dev.rolekeeper.install.JvmFlags;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code bench/serve}'s reference for throughput: the least a Vert.x server can do to answer like
 * the daemon's container route. One handler, no router, no guards, no timeouts: a request whose
 * {@code Authorization} header is the token gets the body with {@code Content-Type:
 * application/json}, any other gets 401. As many instances and event loops as the daemon's
 * endpoint, Netty's leak detector and JFR events off as in the daemon; {@code bench/serve} starts
 * it with the daemon's JVM flags ({@link JvmFlags#DAEMON}, printed by {@code BareVertx --flags}).
 *
 * <p>So "rolekeeper ÷ this" is what the daemon's own work costs, and "this ÷ nginx" what the JVM,
 * Netty and Vert.x cost on the machine at hand.
 *
 * <p>Usage: {@code BareVertx --flags} (prints the daemon's JVM flags, one per line) or {@code
 * BareVertx BODY_FILE TOKEN_FILE PORT} (prints {@code listening} once all instances listen on
 * 127.0.0.1:PORT).
 */
public final class BareVertx {

  private BareVertx() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 1 && args[0].equals("--flags")) {
      JvmFlags.DAEMON.forEach(System.out::println);
      return;
    }
    if (args.length != 3) {
      System.err.println("usage: BareVertx --flags | BareVertx BODY_FILE TOKEN_FILE PORT");
      System.exit(2);
    }
    System.setProperty("io.netty.leakDetection.level", "disabled");
    System.setProperty("io.netty.jfr.enabled", "false");
    System.setProperty("vertx.disableDnsResolver", "true");
    Buffer body = Buffer.buffer(Files.readAllBytes(Path.of(args[0])));
    String token = Files.readString(Path.of(args[1])).trim();
    // As the daemon (service.DaemonTuning): one instance and one event loop per core, at most two.
    int instances = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(instances));
    int port = Integer.parseInt(args[2]);
    vertx
        .deployVerticle(
            () -> new Server(body, token, port), new DeploymentOptions().setInstances(instances))
        .await();
    System.out.println("listening");
    System.out.flush();
  }

  private static final class Server extends VerticleBase {
    private final Buffer body;
    private final String token;
    private final int port;

    Server(Buffer body, String token, int port) {
      this.body = body;
      this.token = token;
      this.port = port;
    }

    @Override
    public Future<?> start() {
      return vertx
          .createHttpServer(
              new HttpServerOptions()
                  .setHost("127.0.0.1")
                  .setPort(port)
                  .setTcpNoDelay(true)
                  .setHttp2ClearTextEnabled(false))
          .requestHandler(
              request -> {
                if (token.equals(request.headers().get(HttpHeaders.AUTHORIZATION))) {
                  request
                      .response()
                      .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                      .end(body);
                } else {
                  request.response().setStatusCode(401).end();
                }
              })
          .listen();
    }
  }
}
