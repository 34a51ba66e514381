package dev.rolekeeper.service;

import java.util.List;

/**
 * The JVM flags for the long-running daemon, in one place: the systemd unit, the launchd agent and the
 * {@code bin/rolekeeper} launcher must all use these.
 *
 * <p>Why these: the daemon holds a few sessions and answers a handful of loopback requests, so a small heap and the
 * serial collector (no GC threads) keep its resident size low; C1 only ({@code TieredStopAtLevel=1}) skips C2's
 * compiler threads and memory, which buy nothing for this load; smaller thread stacks suit the few threads Vert.x
 * uses; and on running out of memory the JVM exits so the service manager restarts it rather than limping on.
 */
public final class JvmFlags {

  /** Flags placed before {@code -jar} when running the daemon. */
  public static final List<String> DAEMON = List.of(
      "-XX:+UseSerialGC",
      "-Xms16m",
      "-Xmx64m",
      "-Xss512k",
      "-XX:TieredStopAtLevel=1",
      "-XX:+ExitOnOutOfMemoryError");

  private JvmFlags() {}
}
