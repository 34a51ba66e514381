package dev.rolekeeper.process;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a child process must not inherit: the secrets that may sit in the daemon's environment.
 * Every program we start (prompts, {@code xdg-open} and so the browser, {@code mfa_process}, {@code
 * credential_process}, the doctor's probes) is one we do not control, and a child's environment is
 * handed on to its own children.
 *
 * <p>Removed, because their value is a secret:
 *
 * <ul>
 *   <li>{@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN} and
 *       botocore's old {@code AWS_SECURITY_TOKEN}; the Java SDK v1 spellings {@code AWS_ACCESS_KEY}
 *       and {@code AWS_SECRET_KEY}; and {@code AWS_CREDENTIAL_EXPIRATION}, which belongs with them
 *       (a child must not see half a set): the keys {@code credential_source = Environment} reads.
 *   <li>{@code AWS_CONTAINER_AUTHORIZATION_TOKEN}: a client token of ours, when the daemon was
 *       started from a shell that {@code rolekeeper env} configured.
 *   <li>{@code AWS_BEARER_TOKEN_*}: service API keys (Amazon Bedrock's, for one).
 *   <li>{@code ROLEKEEPER_*} variables whose name says {@code SECRET} or {@code TOKEN} (the demo's
 *       TOTP secret, {@code ROLEKEEPER_DEMO_MFA_SECRET}).
 * </ul>
 *
 * <p>Kept, because they name where things are rather than hold a secret, and a child running as
 * this user may read those places anyway; a {@code credential_process} needs them to behave as it
 * does in the user's shell: {@code AWS_PROFILE}, {@code AWS_CONFIG_FILE}, {@code
 * AWS_SHARED_CREDENTIALS_FILE}, {@code AWS_REGION}, {@code AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE},
 * {@code AWS_WEB_IDENTITY_TOKEN_FILE}, {@code AWS_ROLE_ARN} and every other variable.
 */
public final class ChildEnvironment {

  /** The variables removed by name; see the class comment for the prefixes. */
  public static final Set<String> SECRET_NAMES =
      Set.of(
          "AWS_ACCESS_KEY_ID",
          "AWS_SECRET_ACCESS_KEY",
          "AWS_SESSION_TOKEN",
          "AWS_SECURITY_TOKEN",
          "AWS_ACCESS_KEY",
          "AWS_SECRET_KEY",
          "AWS_CREDENTIAL_EXPIRATION",
          "AWS_CONTAINER_AUTHORIZATION_TOKEN");

  private ChildEnvironment() {}

  /** Whether a variable of this name is kept from children. */
  public static boolean isSecret(String name) {
    String upper = name.toUpperCase(Locale.ROOT);
    return SECRET_NAMES.contains(upper)
        || upper.startsWith("AWS_BEARER_TOKEN_")
        || (upper.startsWith("ROLEKEEPER_")
            && (upper.contains("SECRET") || upper.contains("TOKEN")));
  }

  /**
   * The variables of {@code env} that say where programs are found and which desktop they show on
   * ({@code PATH}, {@code DISPLAY}, {@code WAYLAND_DISPLAY}): for a runner whose children follow an
   * environment given to the daemon rather than this process's own (a daemon started in a test is
   * kept off the desktop this way).
   */
  public static Map<String, String> desktop(Map<String, String> env) {
    Map<String, String> desktop = new HashMap<>();
    for (String name : List.of("PATH", "DISPLAY", "WAYLAND_DISPLAY")) {
      if (env.get(name) != null) {
        desktop.put(name, env.get(name));
      }
    }
    return Map.copyOf(desktop);
  }

  /** Removes the secret variables from {@code env} (a {@link ProcessBuilder#environment()}). */
  public static void scrub(Map<String, String> env) {
    env.keySet().removeIf(ChildEnvironment::isSecret);
  }
}
