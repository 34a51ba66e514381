package dev.rolekeeper;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rolekeeper.cli.Main;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The import rules of the production code, checked on the compiled classes (what the JVM really
 * links, including fully qualified names, generics and lambdas), so they hold for packages added
 * later as well as today's.
 *
 * <p>A package is the first name below {@code dev.rolekeeper} ({@code dev.rolekeeper.mfa.x.Y}
 * belongs to {@code mfa}). Every package stands on one floor of {@link #LAYERS}: the adapters that
 * face people and clients, the one composition root, the core, the infrastructure. The rules:
 *
 * <ul>
 *   <li>every package is on the list (a new one is placed on a floor when it is added);
 *   <li>a package depends only on packages of its own floor or below: nothing upward;
 *   <li>no cycle: no package depends, directly or through others, on one that depends on it.
 * </ul>
 *
 * <p>The classes read are those of {@code src/main} (the folder {@link Main} was loaded from).
 * Compile-time constants are inlined by javac and leave no trace in a class file; everything else
 * does.
 */
class PackageDependenciesTest {

  private static final String ROOT = "dev/rolekeeper/";
  private static final Pattern REFERENCE = Pattern.compile("dev/rolekeeper/([A-Za-z0-9_$]+)/");

  /** The floors, top first; docs/ARCHITECTURE.md gives the same list. */
  static final List<List<String>> LAYERS =
      List.of(
          List.of("cli", "http", "install", "doctor", "sandbox"),
          List.of("daemon"),
          List.of("session", "mfa", "sso", "signin", "credfile"),
          List.of(
              "sts",
              "profiles",
              "config",
              "process",
              "logging",
              "paths",
              "os",
              "listen",
              "credentials",
              "crypto"));

  private static Map<String, Set<String>> graph;
  private static Map<String, Set<String>> examples;

  @BeforeAll
  static void readClasses() throws IOException, URISyntaxException {
    Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    graph = new TreeMap<>();
    examples = new TreeMap<>();
    try (Stream<Path> files = Files.walk(classes.resolve(ROOT))) {
      for (Path file :
          (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
        String className = classes.relativize(file).toString().replace('\\', '/');
        String from = featureOf(className);
        if (from == null) {
          continue;
        }
        graph.computeIfAbsent(from, k -> new TreeSet<>());
        for (String to : referencedFeatures(file)) {
          if (!to.equals(from)) {
            graph.get(from).add(to);
            examples.computeIfAbsent(from + " -> " + to, k -> new TreeSet<>()).add(className);
          }
        }
      }
    }
  }

  @Test
  void compiledClasses_areFound_onEveryFloor() {
    assertThat(graph.keySet()).contains("cli", "daemon", "session", "sts");
  }

  @Test
  void everyPackage_standsOnAFloor() {
    Set<String> placed = new TreeSet<>();
    LAYERS.forEach(placed::addAll);
    assertThat(placed).as("the floors of LAYERS").containsAll(graph.keySet());
  }

  @Test
  void packages_dependOnlyOnTheirFloorOrBelow() {
    List<String> upward = new ArrayList<>();
    graph.forEach(
        (from, tos) -> {
          for (String to : tos) {
            if (floor(to) < floor(from)) {
              upward.add(from + " -> " + to + " (in " + examples.get(from + " -> " + to) + ")");
            }
          }
        });
    assertThat(upward).as("a package that depends on a higher floor").isEmpty();
  }

  private static int floor(String pkg) {
    for (int i = 0; i < LAYERS.size(); i++) {
      if (LAYERS.get(i).contains(pkg)) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void featurePackages_dependOnEachOther_withoutCycles() {
    List<String> cycles = new ArrayList<>();
    graph.forEach(
        (from, tos) -> {
          for (String to : tos) {
            List<String> back = path(to, from);
            if (!back.isEmpty()) {
              cycles.add(
                  from
                      + " -> "
                      + String.join(" -> ", back)
                      + " ("
                      + from
                      + " -> "
                      + to
                      + " in "
                      + examples.get(from + " -> " + to)
                      + ")");
            }
          }
        });
    assertThat(cycles).as("a package that imports one which imports it back").isEmpty();
  }

  /**
   * The shortest path of packages from {@code start} to {@code goal}, both included, or empty if
   * none.
   */
  private static List<String> path(String start, String goal) {
    Map<String, String> cameFrom = new TreeMap<>();
    Deque<String> queue = new ArrayDeque<>(List.of(start));
    cameFrom.put(start, start);
    while (!queue.isEmpty()) {
      String at = queue.removeFirst();
      if (at.equals(goal)) {
        List<String> route = new ArrayList<>();
        for (String step = goal; !step.equals(start); step = cameFrom.get(step)) {
          route.add(0, step);
        }
        route.add(0, start);
        return route;
      }
      for (String next : graph.getOrDefault(at, Set.of())) {
        if (cameFrom.putIfAbsent(next, at) == null) {
          queue.addLast(next);
        }
      }
    }
    return List.of();
  }

  private static String featureOf(String internalName) {
    String rest = internalName.substring(ROOT.length());
    int slash = rest.indexOf('/');
    return slash < 0 ? null : rest.substring(0, slash);
  }

  /**
   * The feature packages named in a class file's constant pool: class references and type
   * descriptors.
   */
  private static Set<String> referencedFeatures(Path classFile) throws IOException {
    Set<String> features = new TreeSet<>();
    for (String text : utf8Constants(classFile)) {
      Matcher m = REFERENCE.matcher(text);
      while (m.find()) {
        features.add(m.group(1));
      }
    }
    return features;
  }

  /**
   * Every CONSTANT_Utf8 of the class file: class names, descriptors and signatures are all stored
   * as one.
   */
  private static List<String> utf8Constants(Path classFile) throws IOException {
    List<String> texts = new ArrayList<>();
    try (InputStream in = Files.newInputStream(classFile);
        DataInputStream data = new DataInputStream(in)) {
      data.readInt(); // magic
      data.readUnsignedShort(); // minor version
      data.readUnsignedShort(); // major version
      int count = data.readUnsignedShort();
      for (int i = 1; i < count; i++) {
        int tag = data.readUnsignedByte();
        switch (tag) {
          case 1 -> texts.add(data.readUTF());
          case 7, 8, 16, 19, 20 -> data.skipBytes(2);
          case 15 -> data.skipBytes(3);
          case 3, 4, 9, 10, 11, 12, 17, 18 -> data.skipBytes(4);
          case 5, 6 -> {
            data.skipBytes(8);
            i++; // longs and doubles take two slots
          }
          default ->
              throw new IOException(classFile + ": unknown constant pool tag " + tag + " at " + i);
        }
      }
    }
    return texts;
  }
}
