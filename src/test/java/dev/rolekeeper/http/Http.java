package dev.rolekeeper.http;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;

/**
 * A raw HTTP client for the tests: any method, path, headers and Host, answered as a {@link Reply}.
 *
 * <p>Every exchange runs on one Vert.x context: driven from the JUnit thread, a response could
 * complete before its body handler is attached, and the body would be lost.
 */
public final class Http {

  private final HttpClient client;
  private final Context context;

  public Http(Vertx vertx) {
    this(vertx, new PoolOptions());
  }

  /** With a connection pool of its own size (e.g. many concurrent requests for a storm). */
  public Http(Vertx vertx, PoolOptions pool) {
    this.client = vertx.createHttpClient(new HttpClientOptions(), pool);
    this.context = vertx.getOrCreateContext();
  }

  public Future<Void> close() {
    return client.close();
  }

  public Future<Reply> get(int port, String path, String... headerPairs) {
    return send(HttpMethod.GET, port, "127.0.0.1:" + port, path, null, headerPairs);
  }

  public Future<Reply> put(int port, String path, String... headerPairs) {
    return send(HttpMethod.PUT, port, "127.0.0.1:" + port, path, null, headerPairs);
  }

  public Future<Reply> post(int port, String path, String body, String... headerPairs) {
    return send(HttpMethod.POST, port, "127.0.0.1:" + port, path, body, headerPairs);
  }

  /** Connects to 127.0.0.1:{@code port} but sends {@code host} verbatim as the Host header. */
  public Future<Reply> send(
      HttpMethod method, int port, String host, String path, String body, String... headerPairs) {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Host", host);
    for (int i = 0; i < headerPairs.length; i += 2) {
      headers.add(headerPairs[i], headerPairs[i + 1]);
    }
    RequestOptions options =
        new RequestOptions()
            .setMethod(method)
            .setServer(SocketAddress.inetSocketAddress(port, "127.0.0.1"))
            .setHost("127.0.0.1")
            .setPort(port)
            .setURI(path)
            .setHeaders(headers);
    Promise<Reply> reply = Promise.promise();
    context.runOnContext(
        ignored ->
            client
                .request(options)
                .compose(request -> body == null ? request.send() : request.send(body))
                .compose(response -> response.body().map(buffer -> new Reply(response, buffer)))
                .onComplete(reply));
    return reply.future();
  }

  /** Status, headers and body of one answer. */
  public record Reply(int status, MultiMap headers, String body) {
    Reply(HttpClientResponse response, Buffer body) {
      this(response.statusCode(), response.headers(), body.toString());
    }

    public JsonObject json() {
      return new JsonObject(body);
    }

    public String code() {
      return json().getString("code");
    }
  }
}
