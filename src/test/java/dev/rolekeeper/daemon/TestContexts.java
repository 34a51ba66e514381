package dev.rolekeeper.daemon;

import dev.rolekeeper.install.ServiceContext;
import dev.rolekeeper.os.Os;
import dev.rolekeeper.paths.UserPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Service contexts around a temporary home, with the real java binary and a stand-in jar file. */
public final class TestContexts {

  private TestContexts() {}

  public static Path realJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  public static Path fakeJar(Path dir) throws IOException {
    Path jar = dir.resolve("opt dir/rolekeeper.jar");
    Files.createDirectories(jar.getParent());
    return Files.exists(jar) ? jar : Files.createFile(jar);
  }

  public static ServiceContext linux(Path home, Map<String, String> env) throws IOException {
    return of(Os.LINUX, home, env);
  }

  public static ServiceContext macos(Path home) throws IOException {
    return of(Os.MACOS, home, Map.of());
  }

  /** The context of {@code home} (HOME when {@code env} sets none) on {@code os}. */
  public static ServiceContext of(Os os, Path home, Map<String, String> env) throws IOException {
    return ServiceContext.of(
        UserPaths.of(os, env, home.toString()), realJava(), fakeJar(home.getParent()));
  }

  public static Path newHome(Path temp) throws IOException {
    return Files.createDirectories(temp.resolve("home/alice"));
  }
}
