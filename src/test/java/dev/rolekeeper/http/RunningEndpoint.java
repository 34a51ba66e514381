package dev.rolekeeper.http;

import dev.rolekeeper.daemon.ImdsChoice;
import dev.rolekeeper.daemon.TokenStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Set;

/** An {@link EndpointVerticle} deployed on loopback port 0 with a fake directory, for the tests. */
record RunningEndpoint(
    EndpointVerticle verticle, FakeSessionDirectory sessions, TokenStore tokens, Http http) {

  static final String IMDS_PROFILE = "imds-role";

  /** An endpoint verticle alone: its own IMDS tokens and role, no add-ons. */
  static EndpointVerticle verticle(
      EndpointOptions options,
      dev.rolekeeper.session.SessionDirectory sessions,
      TokenStore tokens) {
    return new EndpointVerticle(
        options,
        sessions,
        tokens,
        ImdsTokens.create(),
        EndpointAddOns.none(),
        new dev.rolekeeper.daemon.ImdsRole(options.imds(), options.listen().host()));
  }

  /** {@code 127.0.0.1}, both ports picked by the system when bound (one instance only). */
  static EndpointOptions loopback(ImdsChoice imds, String region) {
    return new EndpointOptions(
        new EndpointOptions.Listen("127.0.0.1", 0, 0),
        imds,
        region,
        EndpointOptions.ConnectionTimeouts.DEFAULT,
        java.util.Set.of());
  }

  /** {@code 127.0.0.1} on two ports free now, named, as several instances need them. */
  static EndpointOptions onFreePorts(ImdsChoice imds, String region) throws java.io.IOException {
    java.net.InetAddress loopback = java.net.InetAddress.getByName("127.0.0.1");
    try (java.net.ServerSocket main = new java.net.ServerSocket(0, 1, loopback);
        java.net.ServerSocket metadata = new java.net.ServerSocket(0, 1, loopback)) {
      return new EndpointOptions(
          new EndpointOptions.Listen("127.0.0.1", main.getLocalPort(), metadata.getLocalPort()),
          imds,
          region,
          EndpointOptions.ConnectionTimeouts.DEFAULT,
          java.util.Set.of());
    }
  }

  /** With IMDS turned on, serving {@link #IMDS_PROFILE}. */
  static Future<RunningEndpoint> start(Vertx vertx, Path stateDir, FakeSessionDirectory sessions) {
    return start(vertx, stateDir, sessions, ImdsChoice.serve(IMDS_PROFILE), Set.of());
  }

  static Future<RunningEndpoint> start(
      Vertx vertx, Path stateDir, FakeSessionDirectory sessions, ImdsChoice imds) {
    return start(vertx, stateDir, sessions, imds, Set.of());
  }

  /** Admitting these uids besides this process's own. */
  static Future<RunningEndpoint> start(
      Vertx vertx, Path stateDir, FakeSessionDirectory sessions, Set<Integer> allowUids) {
    return start(vertx, stateDir, sessions, ImdsChoice.serve(IMDS_PROFILE), allowUids);
  }

  static Future<RunningEndpoint> start(
      Vertx vertx,
      Path stateDir,
      FakeSessionDirectory sessions,
      ImdsChoice imds,
      Set<Integer> allowUids) {
    TokenStore tokens = TokenStore.open(stateDir);
    EndpointVerticle verticle =
        RunningEndpoint.verticle(
            new EndpointOptions(
                new EndpointOptions.Listen("127.0.0.1", 0, 0),
                imds,
                "eu-west-1",
                EndpointOptions.ConnectionTimeouts.DEFAULT,
                allowUids),
            sessions,
            tokens);
    Http http = new Http(vertx);
    return vertx
        .deployVerticle(verticle)
        .map(id -> new RunningEndpoint(verticle, sessions, tokens, http));
  }

  int port() {
    return verticle.actualPort();
  }

  int imdsPort() {
    return verticle.actualImdsPort();
  }

  String control() {
    return tokens.controlToken();
  }

  /** A fresh IMDSv2 token. */
  Future<String> imdsToken() {
    return http.put(imdsPort(), "/latest/api/token", ImdsTokenHandler.TTL_HEADER, "300")
        .map(Http.Reply::body);
  }
}
