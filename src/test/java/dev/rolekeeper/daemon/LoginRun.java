package dev.rolekeeper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.Polling;
import dev.rolekeeper.cli.CommandTree;
import io.vertx.core.Vertx;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code rolekeeper login NAME} as the CLI runs it, in this JVM on a thread of its own (it prints
 * the link, then waits and polls the daemon's status): what it printed and how it exited.
 */
record LoginRun(StringWriter stdout, StringWriter stderr, CompletableFuture<Integer> done) {

  private static final Pattern AUTHORIZE =
      Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/v1/authorize\\?\\S+)");
  private static final Duration WAIT = Duration.ofSeconds(20);

  static LoginRun start(String name, Path stateDir) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CompletableFuture<Integer> done =
        CompletableFuture.supplyAsync(
            () ->
                CommandTree.whole()
                    .setOut(new PrintWriter(out, true))
                    .setErr(new PrintWriter(err, true))
                    .execute("login", name, "--state-dir", stateDir.toString()));
    return new LoginRun(out, err, done);
  }

  /** The Sign-In authorize link the command printed, once it has. */
  String authorizeUrl(Vertx vertx) throws Exception {
    Polling.until(vertx, () -> AUTHORIZE.matcher(out()).find() || done.isDone(), WAIT);
    Matcher link = AUTHORIZE.matcher(out());
    assertThat(link.find()).as("printed: %s %s", out(), err()).isTrue();
    return link.group(1);
  }

  int exit() throws Exception {
    return done.get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  String out() {
    return stdout.toString();
  }

  String err() {
    return stderr.toString();
  }
}
