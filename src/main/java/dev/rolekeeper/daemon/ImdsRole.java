package dev.rolekeeper.daemon;

import io.vertx.core.json.JsonObject;
import java.util.Objects;

/**
 * The IMDS state the endpoint's instances share: the {@link ImdsChoice} in force (a reload changes
 * it at once) and the port IMDS listens on (opened at start only when the settings turn IMDS on;
 * turning it on or off later takes a restart). Its {@link #summary()} is what the start-up log and
 * {@code rolekeeper status} say about IMDS.
 */
public final class ImdsRole {

  private final String host;
  private volatile ImdsChoice choice;
  private volatile int port;

  /**
   * @param choice what IMDS serves from the start
   * @param host the loopback address IMDS would listen on, for the summary
   */
  public ImdsRole(ImdsChoice choice, String host) {
    this.choice = Objects.requireNonNull(choice, "choice");
    this.host = Objects.requireNonNull(host, "host");
  }

  /** The profile served as the role now, or null. Any thread. */
  public String profile() {
    return choice.profile();
  }

  /** The choice in force. Any thread. */
  public ImdsChoice choice() {
    return choice;
  }

  /** Serves what {@code next} says from the next request on. Any thread. */
  public void set(ImdsChoice next) {
    choice = Objects.requireNonNull(next, "next");
  }

  /** The IMDS port listening, or 0 when none is open. */
  public int port() {
    return port;
  }

  /** Called once the IMDS port listens. */
  public void listening(int bound) {
    port = bound;
  }

  /** Why no role is served now; only meaningful when {@link #profile()} is null. */
  public String whyNoRole() {
    ImdsChoice now = choice;
    if (now instanceof ImdsChoice.NoRole none) {
      return none.reason();
    }
    return "IMDS is turned off in the settings (imds.enabled: false); restart rolekeeper to close"
        + " this port";
  }

  /** One line for people: whether IMDS is on, what it serves to whom, and what to fix. */
  public String summary() {
    ImdsChoice now = choice;
    int open = port;
    String where = host + ":" + open;
    if (open <= 0) {
      return now.enabled()
          ? "IMDS is off: imds.enabled was turned on after rolekeeper started; restart rolekeeper"
              + " to open the IMDS port"
          : "IMDS is off (imds.enabled: false): no IMDS port is open";
    }
    if (now instanceof ImdsChoice.Serve serve) {
      return "IMDS is on: any process of this user can read profile "
          + serve.profile()
          + "'s credentials from "
          + where
          + " without a token";
    }
    if (now instanceof ImdsChoice.NoRole none) {
      return "IMDS is on at " + where + " but serves no role: " + none.reason();
    }
    return "IMDS was turned off in the settings: it serves no role now, and "
        + where
        + " closes when rolekeeper restarts";
  }

  /**
   * The {@code imds} member of {@code GET /control/status}: {@code enabled} (a port is open),
   * {@code port} (or null), {@code profile} (the role served, or null) and {@code summary}.
   */
  public JsonObject statusJson() {
    int open = port;
    return new JsonObject()
        .put("enabled", open > 0)
        .put("port", open > 0 ? open : null)
        .put("profile", open > 0 ? profile() : null)
        .put("summary", summary());
  }
}
