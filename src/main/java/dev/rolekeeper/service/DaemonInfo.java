package dev.rolekeeper.service;

import dev.rolekeeper.os.OwnerOnlyFiles;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a running daemon can be reached: written to {@code <state>/daemon.json} when it has started, removed when it
 * stops, read by the CLI. Holds no secret (the control token has its own file).
 *
 * @param pid the daemon's process id
 * @param port the main port (container, control and MFA page routes)
 * @param imdsPort the IMDSv2 port
 * @param region the region the daemon hands to clients
 */
public record DaemonInfo(long pid, int port, int imdsPort, String region) {

  public static final String FILE_NAME = "daemon.json";

  public void write(Path stateDir) throws IOException {
    JsonObject json = new JsonObject().put("pid", pid).put("port", port).put("imdsPort", imdsPort)
        .put("region", region);
    OwnerOnlyFiles.write(stateDir.resolve(FILE_NAME), json.encode().getBytes(StandardCharsets.UTF_8));
  }

  /** The file of a daemon that runs, or is empty when none has written one (or its process is gone). */
  public static Optional<DaemonInfo> read(Path stateDir) throws IOException {
    try {
      JsonObject json = new JsonObject(Files.readString(stateDir.resolve(FILE_NAME), StandardCharsets.UTF_8));
      DaemonInfo info = new DaemonInfo(json.getLong("pid"), json.getInteger("port"), json.getInteger("imdsPort"),
          json.getString("region"));
      boolean alive = ProcessHandle.of(info.pid()).map(ProcessHandle::isAlive).orElse(false);
      return alive ? Optional.of(info) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (DecodeException | NullPointerException | ClassCastException e) {
      throw new IOException(stateDir.resolve(FILE_NAME) + " is damaged; restart rolekeeper to rewrite it");
    }
  }

  public static void remove(Path stateDir) {
    try {
      Files.deleteIfExists(stateDir.resolve(FILE_NAME));
    } catch (IOException e) {
      // A stale file is harmless: readers check that its process is alive.
    }
  }
}
