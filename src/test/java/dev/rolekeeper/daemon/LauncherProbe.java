package dev.rolekeeper.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Stands in for rolekeeper inside a test jar that {@code bin/rolekeeper} launches ({@link
 * LauncherClassDataTest}, {@link LauncherSecrecyTest}): prints its arguments and exits with 3 when
 * one is {@code --fail}, runs out of memory when one is {@code --oom}; as {@code run} it says
 * "serving", then waits until stopped and says "stopped".
 */
public final class LauncherProbe implements Runnable {

  /** Writes a jar at {@code jar} (and its folders) holding this class as its main class. */
  static Path writeJar(Path jar) throws IOException {
    Files.createDirectories(jar.getParent());
    String name = LauncherProbe.class.getName();
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, name);
    String entry = name.replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest);
        InputStream in = LauncherProbe.class.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new JarEntry(entry));
      in.transferTo(out);
      out.closeEntry();
    }
    return jar;
  }

  public static void main(String[] args) throws InterruptedException {
    System.out.println("probe " + String.join(" ", args));
    if (java.util.List.of(args).contains("--fail")) {
      System.exit(3);
    }
    if (java.util.List.of(args).contains("--oom")) {
      java.util.List<long[]> hoard = new java.util.ArrayList<>();
      while (true) {
        hoard.add(new long[1 << 20]);
      }
    }
    if (args.length > 0 && args[0].equals("run")) {
      Runtime.getRuntime().addShutdownHook(new Thread(new LauncherProbe()));
      System.out.println("serving");
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  @Override
  public void run() {
    System.out.println("stopped");
    System.out.flush();
  }
}
