package dev.rolekeeper.session;

import dev.rolekeeper.credentials.AwsCredentials;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeUnit;

/**
 * {@code credential_process}: runs the command (through {@code sh -c}, as the user wrote it) and reads the
 * Version 1 JSON it prints. Blocking.
 *
 * @param command the command line from the profile
 * @param profile the profile that names it
 * @param timeout how long the command may run
 */
public record CredentialProcess(String command, String profile, Duration timeout) implements KeySource {

  @Override
  public AwsCredentials load() throws SourceException {
    String output = run();
    try {
      JsonObject json = new JsonObject(output);
      if (json.getInteger("Version", 0) != 1) {
        throw new SourceException(where() + " printed JSON without \"Version\": 1");
      }
      String expiration = json.getString("Expiration");
      return new AwsCredentials(json.getString("AccessKeyId"), json.getString("SecretAccessKey"),
          json.getString("SessionToken"), expiration == null ? null : Instant.parse(expiration), null);
    } catch (DecodeException | ClassCastException | DateTimeParseException | IllegalArgumentException
        | NullPointerException e) {
      // The output holds secrets: name the problem, never echo it.
      throw new SourceException(where() + " did not print valid credential_process JSON (Version 1 with"
          + " AccessKeyId and SecretAccessKey)");
    }
  }

  @Override
  public String describe() {
    return "credential_process of profile " + profile;
  }

  @Override
  public String identity() {
    return "process:" + command;
  }

  private String run() throws SourceException {
    Process process;
    try {
      process = new ProcessBuilder("sh", "-c", command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException e) {
      throw new SourceException(where() + " could not be started: " + e.getMessage());
    }
    try (InputStream out = process.getInputStream()) {
      process.getOutputStream().close();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new SourceException(where() + " did not finish within " + timeout.toSeconds() + " s");
      }
      String text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
      if (process.exitValue() != 0) {
        throw new SourceException(where() + " exited with status " + process.exitValue());
      }
      return text;
    } catch (IOException e) {
      throw new SourceException(where() + " could not be read: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new SourceException(where() + " was interrupted");
    }
  }

  private String where() {
    return "credential_process of profile " + profile;
  }
}
