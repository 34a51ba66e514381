package dev.rolekeeper.bench;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.sts.AssumeRoleCall;
import dev.rolekeeper.sts.AwsNetwork;
import dev.rolekeeper.sts.SdkStsGateway;
import dev.rolekeeper.sts.StsOutcome;
import dev.rolekeeper.sts.StsTarget;
import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench/memory}'s measure of what the AWS SDK alone costs a JVM: the daemon's own STS
 * gateway ({@link SdkStsGateway}, with the network the daemon would have) makes one AssumeRole call
 * for each of {@code bench-01} … {@code bench-NN} against {@link BenchSts}, then the process idles
 * with nothing else loaded: no Vert.x, no endpoint, no sessions.
 *
 * <p>With {@code --drop}, the gateway, the SDK and everything they load from the class path live in
 * a class loader of their own; the calls run on a thread that then ends, the gateway is closed and
 * the loader dropped and collected before the process idles. That is the most a daemon could give
 * back by unloading the SDK between refreshes: classes the JDK itself loaded for the calls (XML,
 * cryptography, HTTP) stay.
 *
 * <p>Usage: {@code SdkAlone ENDPOINT N [--drop]}, or {@code SdkAlone --nothing} (no call: the floor
 * of a JVM on the same flags). Prints {@code idle} once settled.
 */
public final class SdkAlone {

  private SdkAlone() {}

  public static void main(String[] args) throws Exception {
    boolean nothing = args.length == 1 && args[0].equals("--nothing");
    boolean drop = args.length == 3 && args[2].equals("--drop");
    if (!nothing && !drop && args.length != 2) {
      System.err.println("usage: SdkAlone ENDPOINT PROFILES [--drop] | SdkAlone --nothing");
      System.exit(2);
    }
    if (drop) {
      callInALoaderOfTheirOwn(args[0], args[1]);
      forgetTheLastRecordClass();
      for (int i = 0; i < 3; i++) {
        System.gc();
      }
    } else if (!nothing) {
      calls(args[0], args[1]);
    }
    System.out.println("idle");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }

  /** Called by name in the other loader's copy of this class. */
  public static void calls(String endpoint, String profiles) {
    try (SdkStsGateway gateway =
        new SdkStsGateway(URI.create(endpoint), Duration.ofSeconds(10), AwsNetwork.direct())) {
      AwsCredentials user = AwsCredentials.longTerm(BenchSts.KEY_ID, BenchSts.SECRET);
      for (int i = 1; i <= Integer.parseInt(profiles); i++) {
        AssumeRoleCall call =
            new AssumeRoleCall(
                user,
                new AssumeRoleCall.Role(BenchSts.ROLE + BenchSts.name(i), "bench", 3600, null),
                null,
                null,
                StsTarget.regional("us-east-1"),
                null);
        if (!(gateway.assumeRole(call) instanceof StsOutcome.Issued)) {
          throw new IllegalStateException("STS refused " + call);
        }
      }
    }
  }

  /** A record of this loader's, so the JDK keeps no record class of the dropped loader. */
  private record Anchor(String value) {}

  /**
   * Java 17's record methods ({@code java.lang.runtime.ObjectMethods}) keep the type of the last
   * record they were adapted to in a one-entry cache of a static method handle, which pins that
   * record's class loader: the gateway's client-cache key is such a record. Using a record of this
   * loader's moves the cache on.
   */
  private static void forgetTheLastRecordClass() {
    Anchor a = new Anchor("a");
    if (a.equals(new Anchor("b")) || a.hashCode() == 0 || a.toString().isEmpty()) {
      System.out.println("unexpected record methods");
    }
  }

  private static void callInALoaderOfTheirOwn(String endpoint, String profiles) throws Exception {
    List<URL> path = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      path.add(Path.of(entry).toUri().toURL());
    }
    try (URLClassLoader loader =
        new URLClassLoader(path.toArray(URL[]::new), ClassLoader.getPlatformClassLoader())) {
      Thread caller =
          new Thread(
              () -> {
                try {
                  loader
                      .loadClass(SdkAlone.class.getName())
                      .getMethod("calls", String.class, String.class)
                      .invoke(null, endpoint, profiles);
                } catch (ReflectiveOperationException e) {
                  throw new IllegalStateException(e);
                }
              });
      caller.setContextClassLoader(loader);
      caller.start();
      caller.join();
    }
  }
}
