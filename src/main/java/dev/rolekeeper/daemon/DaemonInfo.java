package dev.rolekeeper.daemon;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.rolekeeper.os.NoFollow;
import dev.rolekeeper.os.OwnerOnlyFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where a running daemon can be reached: written to {@code <state>/daemon.json} when it has
 * started, removed when it stops, read by the CLI. Holds no secret (the control token has its own
 * file). Read and written with jackson-core alone, as it lies on the CLI's short path.
 *
 * @param pid the daemon's process id
 * @param port the main port (container, control and MFA page routes)
 * @param imdsPort the IMDSv2 port, or 0 when IMDS is off (no port open); a file without it reads as
 *     0
 * @param region the region the daemon hands to clients
 */
public record DaemonInfo(long pid, int port, int imdsPort, String region) {

  public static final String FILE_NAME = "daemon.json";

  private static final JsonFactory JSON = new JsonFactory();
  private static final int MAX_FILE = 4096;

  /** Writes the file, replacing (never following) whatever is at its name. */
  public void write(Path stateDir) throws IOException {
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartObject();
      json.writeNumberField("pid", pid);
      json.writeNumberField("port", port);
      json.writeNumberField("imdsPort", imdsPort);
      json.writeStringField("region", region);
      json.writeEndObject();
    }
    OwnerOnlyFiles.write(
        stateDir.resolve(FILE_NAME), text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The file of a daemon that may run, or is empty when none has written one (or its process is
   * gone). A live pid proves little (pids are reused): before sending anything to the port, check
   * with {@link DaemonTrust}.
   *
   * @throws dev.rolekeeper.os.UnsafePathException when the file is a symbolic link (not followed)
   */
  public static Optional<DaemonInfo> read(Path stateDir) throws IOException {
    Path file = stateDir.resolve(FILE_NAME);
    try {
      Map<String, Object> fields =
          flatObject(new String(NoFollow.read(file, MAX_FILE), StandardCharsets.UTF_8));
      DaemonInfo info =
          new DaemonInfo(
              ((Number) fields.get("pid")).longValue(),
              ((Number) fields.get("port")).intValue(),
              ((Number) fields.getOrDefault("imdsPort", 0L)).intValue(),
              (String) fields.get("region"));
      boolean alive = ProcessHandle.of(info.pid()).map(ProcessHandle::isAlive).orElse(false);
      return alive ? Optional.of(info) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (JsonProcessingException | NullPointerException | ClassCastException e) {
      throw new IOException(file + " is damaged; restart rolekeeper to rewrite it");
    }
  }

  /** The number and string members of a JSON object without nesting. */
  private static Map<String, Object> flatObject(String text) throws IOException {
    Map<String, Object> fields = new HashMap<>();
    try (JsonParser json = JSON.createParser(text)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        throw new ClassCastException("not an object");
      }
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String name = json.currentName();
        JsonToken value = json.nextToken();
        if (value == JsonToken.VALUE_NUMBER_INT) {
          fields.put(name, json.getLongValue());
        } else if (value == JsonToken.VALUE_STRING) {
          fields.put(name, json.getText());
        } else {
          json.skipChildren();
        }
      }
    }
    return fields;
  }

  public static void remove(Path stateDir) {
    try {
      Files.deleteIfExists(stateDir.resolve(FILE_NAME));
    } catch (IOException e) {
      // A stale file is harmless: clients check that the instance lock is held (DaemonTrust).
    }
  }
}
