package dev.rolekeeper.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rolekeeper status}: each served profile's plan, state, expiry and last error; never a secret. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = {"Show what the daemon serves, or say that it is not running and how to start it.",
        "For each profile: its plan and why, its state, when its session expires, when it is refreshed next and "
            + "the last error; then MFA prompts waiting and credentials-file sync targets."},
    footer = {"", "Exit status: 0 the daemon is running; 3 it is not running (or does not answer)."})
public final class StatusCommand implements Callable<Integer> {

  @Mixin
  DaemonOptions daemon = new DaemonOptions();

  @Option(names = "--json", description = "Print the daemon's status JSON as it is.")
  boolean json;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    HttpDaemonClient client;
    JsonObject status;
    try {
      client = daemon.connect();
      status = client.get("/control/status");
    } catch (DaemonClient.DaemonException e) {
      err.println(e.getMessage());
      return 3;
    }
    if (json) {
      out.println(status.encodePrettily());
      return 0;
    }
    out.printf("rolekeeper is running: pid %d, http://127.0.0.1:%d/ (IMDSv2 on port %d), region %s%n",
        client.info().pid(), client.info().port(), client.info().imdsPort(), client.info().region());
    printProfiles(out, status.getJsonArray("profiles", new JsonArray()));
    printSsoSessions(out, status.getJsonArray("ssoSessions"));
    printSection(out, "MFA prompts waiting", status.getJsonArray("mfaPrompts"));
    printSection(out, "Credentials-file sync", status.getJsonArray("sync"));
    return 0;
  }

  private static void printProfiles(PrintWriter out, JsonArray profiles) {
    if (profiles.isEmpty()) {
      out.println("No profiles are served: name role profiles under `profiles:` in the settings, or add role"
          + " profiles to ~/.aws/config.");
      return;
    }
    for (Object item : profiles) {
      JsonObject p = (JsonObject) item;
      out.printf("%n%s  [%s]%n", p.getString("profile"), p.getString("state"));
      line(out, "role", p.getString("roleArn"));
      line(out, "plan", p.getString("plan"));
      line(out, "expires", p.getString("expiration"));
      line(out, "next refresh", p.getString("nextRefresh"));
      line(out, "next MFA code", p.getString("nextCodeNeeded"));
      line(out, "last error", p.getString("lastError"));
    }
  }

  private static void printSsoSessions(PrintWriter out, JsonArray sessions) {
    if (sessions == null || sessions.isEmpty()) {
      return;
    }
    out.printf("%nIAM Identity Center sign-ins:%n");
    for (Object item : sessions) {
      JsonObject s = (JsonObject) item;
      out.printf("%s  [%s]%n", s.getString("name"), s.getString("state"));
      line(out, "start URL", s.getString("startUrl"));
      line(out, "profiles", s.getString("profiles"));
      line(out, "token expires", s.getString("tokenExpires"));
      line(out, "next sign-in", s.getString("signInNeededBy") != null ? s.getString("signInNeededBy")
          : s.getBoolean("refreshable", false) ? "not foreseen (the token is refreshed without one)" : null);
      if (s.getString("verificationUri") != null) {
        line(out, "sign in at", s.getString("verificationUri") + " (code " + s.getString("userCode") + ")");
      } else if (!"SignedIn".equals(s.getString("state"))) {
        line(out, "sign in with", "rolekeeper login " + s.getString("name"));
      }
      line(out, "last error", s.getString("lastError"));
    }
  }

  private static void printSection(PrintWriter out, String title, JsonArray items) {
    if (items == null || items.isEmpty()) {
      return;
    }
    out.printf("%n%s:%n", title);
    for (Object item : items) {
      JsonObject o = (JsonObject) item;
      StringBuilder text = new StringBuilder("  ");
      o.forEach(e -> {
        if (e.getValue() != null) {
          text.append(e.getKey()).append('=').append(e.getValue()).append("  ");
        }
      });
      out.println(text.toString().stripTrailing());
    }
  }

  private static void line(PrintWriter out, String label, String value) {
    if (value != null) {
      out.printf("  %-14s %s%n", label + ":", value);
    }
  }
}
