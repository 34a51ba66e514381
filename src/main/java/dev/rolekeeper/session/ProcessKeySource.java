package dev.rolekeeper.session;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.os.BoundedFiles;
import dev.rolekeeper.process.ProcessResult;
import dev.rolekeeper.process.ProcessRunner;
import dev.rolekeeper.profiles.Source;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Keys from a profile's {@code credential_process}: runs its command (through {@code sh -c}, as the
 * user wrote it) with the daemon's {@link ProcessRunner}, on its own bounded pool, and reads the
 * Version 1 JSON it prints.
 *
 * @param process the setting, as the profile holds it
 * @param profile the profile that names it
 * @param timeout how long the command may run; then it is killed with its descendants
 */
public record ProcessKeySource(Source.CredentialProcess process, String profile, Duration timeout)
    implements KeySource {

  /** Runs the command and parses what it printed; completes on the caller's context. */
  Future<AwsCredentials> fetch(ProcessRunner runner) {
    return runner
        .run(
            ProcessRunner.Pool.CREDENTIAL_PROCESSES,
            List.of("sh", "-c", process.command()),
            Map.of(),
            "",
            timeout)
        .result()
        .recover(
            e ->
                Future.failedFuture(
                    new SourceException(describe() + " could not be started: " + e.getMessage())))
        .compose(
            result -> {
              try {
                return Future.succeededFuture(parse(checked(result)));
              } catch (SourceException e) {
                return Future.failedFuture(e);
              }
            });
  }

  /**
   * Not used: the command is run by the daemon's process runner ({@link #fetch}), never in place on
   * a borrowed thread.
   */
  @Override
  public AwsCredentials load() throws SourceException {
    throw new SourceException(describe() + " is run by the daemon's process runner");
  }

  private String checked(ProcessResult result) throws SourceException {
    if (result.timedOut()) {
      throw new SourceException(
          describe() + " did not finish within " + timeout.toSeconds() + " s and was killed");
    }
    if (result.cancelled()) {
      throw new SourceException(describe() + " was stopped: rolekeeper is shutting down");
    }
    if (result.exitCode() != 0) {
      throw new SourceException(describe() + " exited with status " + result.exitCode());
    }
    if (result.outputTooLong()) {
      throw new SourceException(
          describe()
              + " printed more than "
              + BoundedFiles.describe(ProcessRunner.OUTPUT_LIMIT)
              + ", the most rolekeeper reads of it");
    }
    return result.stdout();
  }

  private AwsCredentials parse(String output) throws SourceException {
    try {
      JsonObject json = new JsonObject(output);
      if (json.getInteger("Version", 0) != 1) {
        throw new SourceException(describe() + " printed JSON without \"Version\": 1");
      }
      String expiration = json.getString("Expiration");
      return new AwsCredentials(
          json.getString("AccessKeyId"),
          json.getString("SecretAccessKey"),
          json.getString("SessionToken"),
          expiration == null ? null : Instant.parse(expiration),
          null);
    } catch (DecodeException
        | ClassCastException
        | DateTimeParseException
        | IllegalArgumentException
        | NullPointerException e) {
      // The output holds secrets: name the problem, never echo it.
      throw new SourceException(
          describe()
              + " did not print valid credential_process JSON (Version 1 with"
              + " AccessKeyId and SecretAccessKey)");
    }
  }

  @Override
  public String describe() {
    return "credential_process of profile " + profile;
  }

  @Override
  public String identity() {
    return "process:" + process.command();
  }
}
