package dev.rolekeeper.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code rolekeeper status}: each served profile's plan, state, expiry and last error; never a
 * secret.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show what the daemon serves, or say that it is not running and how to start it.",
      "Whether IMDS is on, and which profile it serves to every process of this user.",
      "For each profile: its plan and why, its state, when its session expires, when it is refreshed next and "
          + "the last error; then the profiles of the AWS files that are not served, and why; then the"
          + " console (aws login) and IAM Identity Center sign-ins: when the next is needed, and the"
          + " command that runs it; then MFA prompts waiting and credentials-file sync targets. A"
          + " settings or AWS file that could not be read (too large, malformed) is listed first, with"
          + " why."
    },
    footer = {
      "",
      "Exit status: 0 the daemon is running; 3 it is not running (or does not answer)."
    })
public final class StatusCommand extends ClientCommand {

  @Option(names = "--json", description = "Print the daemon's status JSON as it is.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = out();
    PrintWriter err = err();
    HttpDaemonClient client;
    Map<String, Object> status;
    try {
      client = daemon.connect();
      status = client.get(DaemonClient.STATUS_PATH);
    } catch (DaemonClient.DaemonException e) {
      err.println(e.getMessage());
      return 3;
    }
    if (json) {
      out.println(ControlJson.write(status));
      return 0;
    }
    out.printf(
        "rolekeeper is running: pid %d, http://127.0.0.1:%d/, region %s%n",
        client.info().pid(), client.info().port(), client.info().region());
    out.println(imdsLine(status, client.info().imdsPort()));
    String others = ControlJson.string(status, "otherUsers");
    if (others != null) {
      out.println(others);
    }
    printReloadErrors(out, ControlJson.list(status, "reloadErrors"));
    printProfiles(out, ControlJson.list(status, "profiles"));
    printNotServed(out, ControlJson.list(status, "notServed"));
    printLoginSessions(out, ControlJson.list(status, "loginSessions"));
    printSsoSessions(out, ControlJson.list(status, "ssoSessions"));
    printSection(out, "MFA prompts waiting", ControlJson.list(status, "mfaPrompts"));
    printSection(out, "Credentials-file sync", ControlJson.list(status, "sync"));
    return 0;
  }

  /** The daemon's own words on IMDS; a daemon from before it said them gives only its port. */
  private static String imdsLine(Map<String, Object> status, int imdsPort) {
    String summary =
        status.get("imds") instanceof Map<?, ?> imds && imds.get("summary") instanceof String s
            ? s
            : null;
    if (summary != null) {
      return summary;
    }
    return imdsPort > 0 ? "IMDSv2 on port " + imdsPort : "IMDS is off";
  }

  /** First: until fixed, what is served is not what the files on disk say. */
  private static void printReloadErrors(PrintWriter out, List<?> errors) {
    if (errors.isEmpty()) {
      return;
    }
    out.printf("%nRefused files (what was read before, if anything, stays in force):%n");
    for (Object item : errors) {
      Map<?, ?> e = (Map<?, ?>) item;
      out.printf("  %s, %s: %s%n", e.get("input"), e.get("at"), e.get("error"));
    }
  }

  private static void printProfiles(PrintWriter out, List<?> profiles) {
    if (profiles.isEmpty()) {
      out.println(
          "No profiles are served: name role profiles under `profiles:` in the settings, or add role"
              + " profiles to ~/.aws/config.");
      return;
    }
    for (Object item : profiles) {
      Map<?, ?> p = (Map<?, ?>) item;
      out.printf("%n%s  [%s]%n", p.get("profile"), p.get("state"));
      line(out, "role", p.get("roleArn"));
      line(out, "plan", p.get("plan"));
      line(out, "sts", p.get("sts"));
      line(out, "expires", p.get("expiration"));
      line(out, "next refresh", p.get("nextRefresh"));
      line(out, "next MFA code", p.get("nextCodeNeeded"));
      line(out, "last error", p.get("lastError"));
      line(out, "STS calls", p.get("network"));
    }
  }

  /** Profiles of the AWS files that look meant to be served but are not, each with why. */
  private static void printNotServed(PrintWriter out, List<?> unserved) {
    if (unserved.isEmpty()) {
      return;
    }
    out.printf("%nNot served:%n");
    for (Object item : unserved) {
      Map<?, ?> u = (Map<?, ?>) item;
      out.printf("  %s: %s%n", u.get("profile"), u.get("reason"));
    }
  }

  /**
   * Console sign-in sessions ({@code login_session}): a sign-in is always needed at the session's
   * end, so the command is always named, with a profile {@code rolekeeper login} takes.
   */
  private static void printLoginSessions(PrintWriter out, List<?> sessions) {
    if (sessions.isEmpty()) {
      return;
    }
    out.printf("%nConsole sign-ins (aws login):%n");
    for (Object item : sessions) {
      Map<?, ?> s = (Map<?, ?>) item;
      List<String> profiles = names(s.get("profiles"));
      out.printf("%s  [%s]%n", s.get("session"), s.get("state"));
      line(out, "profiles", profiles.isEmpty() ? null : String.join(", ", profiles));
      line(out, "expires", s.get("expires"));
      line(
          out,
          "session ends",
          s.get("sessionEnds") == null ? null : s.get("sessionEnds") + " (estimated)");
      line(out, "next sign-in", s.get("signInNeededBy"));
      line(
          out,
          "sign in with",
          "rolekeeper login " + (profiles.isEmpty() ? s.get("session") : profiles.get(0)));
      line(out, "last error", s.get("lastError"));
    }
  }

  /** A list of names, sent as a JSON array or as one comma-separated string. */
  private static List<String> names(Object value) {
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    return value == null || value.toString().isBlank()
        ? List.of()
        : List.of(value.toString().split(","));
  }

  private static void printSsoSessions(PrintWriter out, List<?> sessions) {
    if (sessions.isEmpty()) {
      return;
    }
    out.printf("%nIAM Identity Center sign-ins:%n");
    for (Object item : sessions) {
      Map<?, ?> s = (Map<?, ?>) item;
      out.printf("%s  [%s]%n", s.get("name"), s.get("state"));
      line(out, "start URL", s.get("startUrl"));
      line(out, "profiles", s.get("profiles"));
      line(out, "token expires", s.get("tokenExpires"));
      line(
          out,
          "next sign-in",
          s.get("signInNeededBy") != null
              ? s.get("signInNeededBy")
              : Boolean.TRUE.equals(s.get("refreshable"))
                  ? "not foreseen (the token is refreshed without one)"
                  : null);
      if (s.get("verificationUri") != null) {
        line(out, "sign in at", s.get("verificationUri") + " (code " + s.get("userCode") + ")");
      } else if (!"SignedIn".equals(s.get("state"))) {
        line(out, "sign in with", "rolekeeper login " + s.get("name"));
      }
      line(out, "last error", s.get("lastError"));
    }
  }

  private static void printSection(PrintWriter out, String title, List<?> items) {
    if (items.isEmpty()) {
      return;
    }
    out.printf("%n%s:%n", title);
    for (Object item : items) {
      StringBuilder text = new StringBuilder("  ");
      ((Map<?, ?>) item)
          .forEach(
              (key, value) -> {
                if (value != null) {
                  text.append(key).append('=').append(value).append("  ");
                }
              });
      out.println(text.toString().stripTrailing());
    }
  }

  private static void line(PrintWriter out, String label, Object value) {
    if (value != null) {
      out.printf("  %-14s %s%n", label + ":", value);
    }
  }
}
