package dev.rolekeeper.daemon;

import dev.rolekeeper.crypto.RandomTokens;
import dev.rolekeeper.os.NoFollow;
import dev.rolekeeper.os.OwnerOnlyFiles;
import dev.rolekeeper.os.PrivateDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoint tokens, persisted in the state directory so that configured clients keep working
 * across restarts.
 *
 * <p>Layout: the state directory (created 0700), {@code control.token} (the control token) and
 * {@code tokens/<scope>.token} (client tokens; scope = sorted profile names joined by {@code +}).
 * Every file is 0600 and holds exactly one token: 256 random bits, URL-safe base64 without padding,
 * no trailing newline.
 *
 * <p>Thread-safe. {@link #open(Path)} and {@link #clientToken(Collection)} do file I/O: call them
 * off the event loop. {@link #check(String)} is memory-only and compares against every known token
 * in constant time per token.
 */
public final class TokenStore {

  private static final Logger LOG = LoggerFactory.getLogger(TokenStore.class);
  private static final String CONTROL_FILE = "control.token";
  private static final String CLIENT_DIR = "tokens";
  private static final String SUFFIX = ".token";
  private static final int TOKEN_BYTES = 32;
  private static final int MAX_TOKEN_FILE = 1024;
  private static final Pattern TOKEN_SHAPE = Pattern.compile("[A-Za-z0-9_-]{43,}");
  private static final Pattern PROFILE_NAME = Pattern.compile("[A-Za-z0-9._@=,-]+");

  private final Path stateDir;
  private final Path clientDir;
  private final String controlToken;
  private volatile List<Known> known;

  private TokenStore(Path stateDir, String controlToken, List<Known> known) {
    this.stateDir = stateDir;
    this.clientDir = stateDir.resolve(CLIENT_DIR);
    this.controlToken = controlToken;
    this.known = List.copyOf(known);
  }

  /**
   * Loads the tokens of {@code stateDir}, creating the directory and the control token when
   * missing. The directory must be this user's alone ({@link PrivateDirectory}); token files are
   * read and made 0600 without following links, and a link where the control token belongs is
   * refused (a client token file that is a link is ignored with a warning, like a malformed one).
   *
   * @throws UncheckedIOException when the directory or a token file cannot be read or written, or a
   *     token file is malformed or a link; the message names the file, and the cause is an {@link
   *     dev.rolekeeper.os.UnsafePathException} when the directory or a file is not safe to use
   */
  public static TokenStore open(Path stateDir) {
    Path dir = stateDir.toAbsolutePath();
    try {
      PrivateDirectory.prepare(dir);
      OwnerOnlyFiles.directory(dir);
      OwnerOnlyFiles.directory(dir.resolve(CLIENT_DIR));
      String control = readOrCreate(dir.resolve(CONTROL_FILE));
      List<Known> known = new ArrayList<>();
      known.add(new Known(bytes(control), TokenScope.CONTROL));
      loadClientTokens(dir.resolve(CLIENT_DIR), known);
      LOG.info(
          "Tokens in {}: the control token and {} client token file(s)", dir, known.size() - 1);
      return new TokenStore(dir, control, known);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot prepare the token files in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The state directory this store lives in (absolute). */
  public Path stateDir() {
    return stateDir;
  }

  /** The control token: reads every profile and the control routes. */
  public String controlToken() {
    return controlToken;
  }

  /** Where the control token is kept. */
  public Path controlTokenFile() {
    return stateDir.resolve(CONTROL_FILE);
  }

  /**
   * The client token for exactly these profiles, created (and persisted) on first use, the same one
   * afterwards.
   *
   * @throws IllegalArgumentException when {@code profiles} is empty or a name cannot be part of a
   *     file name
   * @throws UncheckedIOException when the token file cannot be written
   */
  public synchronized IssuedToken clientToken(Collection<String> profiles) {
    SortedSet<String> scope = validScope(profiles);
    Path file = clientDir.resolve(String.join("+", scope) + SUFFIX);
    Optional<String> existing = tokenFor(scope);
    if (existing.isPresent()) {
      return new IssuedToken(existing.get(), file, new TokenScope(false, scope));
    }
    try {
      String token = readOrCreate(file);
      List<Known> next = new ArrayList<>(known);
      next.add(new Known(bytes(token), new TokenScope(false, scope)));
      known = List.copyOf(next);
      LOG.info("Created client token file {}", file);
      return new IssuedToken(token, file, new TokenScope(false, scope));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the token file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * What the presented token may do, or empty when it is not one of ours. Every known token is
   * compared, each in constant time, whatever matches first.
   */
  public Optional<TokenScope> check(String presented) {
    if (presented == null || presented.isEmpty()) {
      return Optional.empty();
    }
    byte[] candidate = bytes(presented);
    TokenScope found = null;
    for (Known k : known) {
      if (MessageDigest.isEqual(k.token(), candidate)) {
        found = k.scope();
      }
    }
    return Optional.ofNullable(found);
  }

  @Override
  public String toString() {
    return "TokenStore[stateDir=" + stateDir + ", tokens=" + known.size() + "]";
  }

  private Optional<String> tokenFor(SortedSet<String> scope) {
    for (Known k : known) {
      if (!k.scope().control() && k.scope().profiles().equals(scope)) {
        return Optional.of(new String(k.token(), StandardCharsets.US_ASCII));
      }
    }
    return Optional.empty();
  }

  private static SortedSet<String> validScope(Collection<String> profiles) {
    if (profiles == null || profiles.isEmpty()) {
      throw new IllegalArgumentException("a client token needs at least one profile");
    }
    SortedSet<String> scope = new TreeSet<>();
    for (String p : profiles) {
      if (p == null || !PROFILE_NAME.matcher(p).matches()) {
        throw new IllegalArgumentException(
            "profile name '" + p + "' cannot scope a token: use letters, digits and ._@=,-");
      }
      scope.add(p);
    }
    return scope;
  }

  private static void loadClientTokens(Path dir, List<Known> into) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path file : files) {
        String name = file.getFileName().toString();
        String scopeText = name.substring(0, name.length() - SUFFIX.length());
        try {
          SortedSet<String> scope = validScope(List.of(scopeText.split("\\+", -1)));
          into.add(new Known(bytes(readToken(file)), new TokenScope(false, scope)));
        } catch (IllegalArgumentException | IOException e) {
          // one bad client file must not keep the daemon (and every other client) down
          LOG.warn("Ignoring token file {}: {}", file, e.getMessage());
        }
      }
    }
  }

  private static String readOrCreate(Path file) throws IOException {
    // A link, dangling or not, counts as present: readToken refuses it rather than replace it.
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      OwnerOnlyFiles.write(file, bytes(RandomTokens.urlSafe(TOKEN_BYTES)));
    }
    return readToken(file);
  }

  private static String readToken(Path file) throws IOException {
    OwnerOnlyFiles.restrict(file);
    String token = new String(NoFollow.read(file, MAX_TOKEN_FILE), StandardCharsets.US_ASCII);
    if (!TOKEN_SHAPE.matcher(token).matches()) {
      throw new IOException(
          "the token file "
              + file
              + " is malformed (expected at least 43 URL-safe base64"
              + " characters and no newline); delete it and restart to create a new token");
    }
    return token;
  }

  private static byte[] bytes(String token) {
    return token.getBytes(StandardCharsets.US_ASCII);
  }

  private record Known(byte[] token, TokenScope scope) {
    @Override
    public String toString() {
      return "Known[token=<redacted>, scope=" + scope + "]";
    }
  }
}
