package dev.rolekeeper.install;

import java.util.List;

/**
 * The JVM flags for the long-running daemon, in one place: the systemd unit and the launchd agent
 * use this list, and {@code bin/rolekeeper} holds the same list literally ({@code JvmFlagsTest}
 * fails when the two differ).
 *
 * <p>Why these (measured with {@code bench/serve} on a 2-core machine, 10 profiles): the serial
 * collector (no GC threads) and small heap and code-cache caps keep the resident size low, and the
 * heap gives back what start-up used beyond 30% free (about 2.5 MB). C2 stays on: C1 alone ({@code
 * TieredStopAtLevel=1}) saved about 6 MB but cost some 40% of peak throughput. Instead, C2's
 * start-up compiles are postponed (Tier4 thresholds ten times the defaults, still reached within a
 * second under load), and the native heap is trimmed every few seconds, so the malloc memory the
 * compilers freed goes back to the system (about 15 MB). {@code TrimNativeHeapInterval} only exists
 * from JDK 17.0.9 on: {@code IgnoreUnrecognizedVMOptions} lets older 17 builds start anyway. On
 * running out of memory the JVM exits so the service manager restarts it rather than limping on. No
 * perf-data file: its sampler woke the idle JVM 20 times a second (jcmd PID still works; jps and
 * jstat do not list the daemon).
 *
 * <p>Two diagnostic flags stop the JVM's own clocks from waking an idle daemon: no safepoint every
 * second when nothing asked for one ({@code GuaranteedSafepointInterval=0}; the clean-up it did
 * waits for the next GC), and the monitor-deflation thread looks every 10 s instead of four times a
 * second ({@code AsyncDeflationInterval}; it still deflates at least every minute).
 *
 * <p>Not in this list, because its value is per user: {@code -XX:ErrorFile} in the state directory
 * ({@link ServiceContext#crashReportFlag()}; {@code bin/rolekeeper} works out the same), so a JVM
 * crash report, which holds keys from memory, is never left in the working directory.
 */
public final class JvmFlags {

  /**
   * The option that makes older JVMs skip flags they lack; {@code JvmFlagsTest} checks every other
   * flag.
   */
  public static final String IGNORE_UNRECOGNIZED = "-XX:+IgnoreUnrecognizedVMOptions";

  /** Flags placed before {@code -jar} when running the daemon. */
  public static final List<String> DAEMON =
      List.of(
          "-XX:+UseSerialGC",
          "-Xms8m",
          "-Xmx64m",
          "-XX:MinHeapFreeRatio=10",
          "-XX:MaxHeapFreeRatio=30",
          "-Xss512k",
          "-XX:ReservedCodeCacheSize=32m",
          "-XX:MaxMetaspaceSize=80m",
          "-XX:Tier4InvocationThreshold=50000",
          "-XX:Tier4MinInvocationThreshold=6000",
          "-XX:Tier4CompileThreshold=150000",
          "-XX:Tier4BackEdgeThreshold=400000",
          IGNORE_UNRECOGNIZED,
          "-XX:TrimNativeHeapInterval=5000",
          "-XX:+ExitOnOutOfMemoryError",
          "-XX:-UsePerfData",
          "-XX:+UnlockDiagnosticVMOptions",
          "-XX:GuaranteedSafepointInterval=0",
          "-XX:AsyncDeflationInterval=10000");

  /**
   * Flags for the short-lived commands ({@code status}, {@code env}, {@code credential-process},
   * ...), which {@code bin/rolekeeper} uses for everything but {@code run} and {@code demo}: C1
   * only with one compiler thread (C2 never pays back within a fraction of a second), the serial
   * collector and a small heap (no GC threads to start), and no {@code hsperfdata} file to create
   * and delete.
   */
  public static final List<String> CLIENT =
      List.of(
          "-XX:TieredStopAtLevel=1",
          "-XX:CICompilerCount=1",
          "-XX:+UseSerialGC",
          "-Xms8m",
          "-Xmx64m",
          "-Xss512k",
          "-XX:-UsePerfData");

  private JvmFlags() {}
}
