package dev.rolekeeper.cli;

import dev.rolekeeper.daemon.DaemonInfo;
import dev.rolekeeper.daemon.DaemonTrust;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A stand-in for the daemon's control routes, for CLI commands run against it: an HTTP server on
 * loopback that answers each path as told and records every request ({@code METHOD PATH BODY}, with
 * {@code (no control token)} appended when the token was missing), and a real state directory —
 * {@code daemon.json} naming this JVM and the port, the control token, and the instance lock held
 * by this JVM — so the commands' trust checks pass as they would for the real daemon.
 */
final class StandInDaemon implements AutoCloseable {

  /** What a path is answered with. */
  record Answer(int status, JsonObject body) {}

  private final HttpServer server;
  private final Path stateDir;
  private final FileChannel lockFile;
  private final FileLock lock;
  private final List<String> requests;

  private StandInDaemon(
      HttpServer server, Path stateDir, FileChannel lockFile, List<String> requests)
      throws Exception {
    this.server = server;
    this.stateDir = stateDir;
    this.lockFile = lockFile;
    this.lock = lockFile.lock();
    this.requests = requests;
  }

  /**
   * Starts it with its state directory {@code stateDir} (created 0700) and control token {@code
   * token}; {@code answers} gives each request's answer by its path.
   */
  static StandInDaemon start(
      Vertx vertx, Path stateDir, String token, Function<String, Answer> answers) throws Exception {
    List<String> requests = new CopyOnWriteArrayList<>();
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(
                request ->
                    request
                        .body()
                        .onSuccess(
                            body -> {
                              requests.add(
                                  request.method()
                                      + " "
                                      + request.path()
                                      + " "
                                      + body
                                      + (token.equals(request.getHeader("Authorization"))
                                          ? ""
                                          : " (no control token)"));
                              Answer answer = answers.apply(request.path());
                              request
                                  .response()
                                  .setStatusCode(answer.status())
                                  .putHeader("Content-Type", "application/json")
                                  .end(answer.body().encode());
                            }));
    server
        .listen(0, "127.0.0.1")
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    Files.createDirectory(
        stateDir,
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.writeString(stateDir.resolve("control.token"), token);
    new DaemonInfo(ProcessHandle.current().pid(), server.actualPort(), 0, "eu-west-1")
        .write(stateDir);
    FileChannel lockFile =
        FileChannel.open(
            stateDir.resolve(DaemonTrust.LOCK_FILE),
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE);
    return new StandInDaemon(server, stateDir, lockFile, requests);
  }

  Path stateDir() {
    return stateDir;
  }

  /** The requests so far, in order. */
  List<String> requests() {
    return requests;
  }

  @Override
  public void close() throws Exception {
    lock.release();
    lockFile.close();
    server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
