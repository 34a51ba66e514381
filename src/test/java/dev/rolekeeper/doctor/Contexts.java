package dev.rolekeeper.doctor;

import dev.rolekeeper.os.Os;
import dev.rolekeeper.paths.UserPaths;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Doctor contexts around a temporary home, with only the environment a test gives (AWS files inside
 * the home).
 */
final class Contexts {

  private Contexts() {}

  static Path home(Path temp) throws IOException {
    return Files.createDirectories(temp.resolve("home"));
  }

  static Map<String, String> env(Path home, String... pairs) {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", home.toString());
    env.put("PATH", "/usr/bin:/bin");
    env.put("AWS_CONFIG_FILE", home.resolve(".aws/config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve(".aws/credentials").toString());
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  static DoctorContext of(Path home, Map<String, String> env) {
    return of(home, env, 0, URI.create("http://127.0.0.1:9/"));
  }

  static DoctorContext of(Path home, Map<String, String> env, int port, URI sts) {
    return new DoctorContext(
        UserPaths.of(Os.LINUX, env, home.toString()),
        home.resolve(".local/state/rolekeeper"),
        port,
        sts,
        List.of(home.resolve(".config/systemd/user/rolekeeper.service")),
        Duration.ofSeconds(5));
  }
}
