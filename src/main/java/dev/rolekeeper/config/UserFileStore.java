package dev.rolekeeper.config;

import dev.rolekeeper.os.BoundedFiles;
import dev.rolekeeper.paths.UserPaths;
import io.vertx.config.spi.ConfigStore;
import io.vertx.config.spi.ConfigStoreFactory;
import io.vertx.config.yaml.YamlProcessor;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The vertx-config store for the user's YAML file (type {@value #TYPE}; config {@code path}, {@code
 * label}, {@code required}). Unlike an optional {@code file} store, which turns every failure (bad
 * YAML included) into an empty config without a word, this one answers {@code {}} only for a
 * missing optional file and turns any other failure into a tree carrying {@value #ERROR_KEY}: the
 * retriever then reports it like any change, and {@link SettingsLoader} raises it as one clear
 * error (keeping old settings on reload). A missing file, and one of only comments and blank lines
 * ({@link EmptyYaml}), is answered without the YAML parser, which is loaded only for a file with
 * settings in it. A file larger than {@link BoundedFiles#CONFIG_FILE_LIMIT} is an error, unread.
 */
public final class UserFileStore implements ConfigStore {

  /** The store type registered with vertx-config through {@link Factory}. */
  public static final String TYPE = "rolekeeper-user-file";

  static final String ERROR_KEY = "$rolekeeperError";

  private static final Pattern POSITION =
      Pattern.compile("in '[^']*', line (\\d+), column (\\d+):?");

  private final Vertx vertx;
  private final String path;
  private final String label;
  private final boolean required;

  private UserFileStore(Vertx vertx, JsonObject config) {
    this.vertx = vertx;
    this.path = config.getString("path");
    this.label = config.getString("label", path);
    this.required = config.getBoolean("required", false);
  }

  /** Store options for {@code file}. */
  static JsonObject config(UserPaths.SettingsFile file, String label) {
    return new JsonObject()
        .put("path", file.path().toString())
        .put("label", label)
        .put("required", file.required());
  }

  /** The one-line problem a tree from this store carries, if any. */
  static Optional<String> error(JsonObject tree) {
    return Optional.ofNullable(tree.getString(ERROR_KEY));
  }

  @Override
  public Future<Buffer> get() {
    return vertx
        .executeBlocking(
            () -> Buffer.buffer(BoundedFiles.read(Path.of(path), BoundedFiles.CONFIG_FILE_LIMIT)),
            false)
        .compose(this::parse)
        .recover(this::unreadable)
        .map(JsonObject::toBuffer);
  }

  private Future<JsonObject> parse(Buffer bytes) {
    if (EmptyYaml.is(bytes.toString(StandardCharsets.UTF_8))) {
      return Future.succeededFuture(new JsonObject());
    }
    return new YamlProcessor()
        .process(vertx, new JsonObject(), bytes)
        // Other empty YAML documents (a lone "---", say) are no settings either, not an error.
        .map(tree -> tree == null ? new JsonObject() : tree)
        .recover(e -> Future.succeededFuture(problem(describe(e))));
  }

  private Future<JsonObject> unreadable(Throwable e) {
    if (e instanceof NoSuchFileException || e.getCause() instanceof NoSuchFileException) {
      return Future.succeededFuture(required ? problem("no such file") : new JsonObject());
    }
    if (e instanceof BoundedFiles.InputTooLargeException tooLarge) {
      return Future.succeededFuture(
          problem(
              "larger than "
                  + BoundedFiles.describe(tooLarge.limit())
                  + ", the most rolekeeper reads of it"));
    }
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    return Future.succeededFuture(
        problem("cannot be read (" + cause.getClass().getSimpleName() + ")"));
  }

  @Override
  public Future<Void> close() {
    return Future.succeededFuture();
  }

  private JsonObject problem(String what) {
    return new JsonObject().put(ERROR_KEY, label + ": " + what);
  }

  /**
   * Snakeyaml's messages span lines: context, its position, the problem, its position, an excerpt
   * of the file. Keep the problem and where it is.
   */
  private static String describe(Throwable e) {
    Throwable cause = e.getCause() != null ? e.getCause() : e;
    if (cause instanceof ClassCastException) {
      return "not a YAML mapping of settings (key: value lines at the top level)";
    }
    List<String> lines =
        Arrays.stream(String.valueOf(cause.getMessage()).split("\\R"))
            .map(String::trim)
            .filter(line -> !line.isEmpty())
            .toList();
    for (int i = lines.size() - 1; i > 0; i--) {
      Matcher at = POSITION.matcher(lines.get(i));
      if (at.matches()) {
        return "cannot be read as YAML: "
            + lines.get(i - 1)
            + " (line "
            + at.group(1)
            + ", column "
            + at.group(2)
            + ")";
      }
    }
    return "cannot be read as YAML: "
        + (lines.isEmpty() ? cause.getClass().getSimpleName() : lines.get(0));
  }

  /** Registers {@link UserFileStore} with vertx-config (listed in META-INF/services). */
  public static final class Factory implements ConfigStoreFactory {

    @Override
    public String name() {
      return TYPE;
    }

    @Override
    public ConfigStore create(Vertx vertx, JsonObject configuration) {
      return new UserFileStore(vertx, configuration);
    }
  }
}
