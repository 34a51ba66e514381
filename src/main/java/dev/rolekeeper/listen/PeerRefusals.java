package dev.rolekeeper.listen;

import dev.rolekeeper.os.UnixUsers;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs refused connections at most once a minute per user, so another user that keeps trying cannot
 * flood the log. {@link #due} is cheap (any thread); {@link #log} names users from {@code
 * /etc/passwd}: on a worker.
 */
final class PeerRefusals {

  private static final Logger LOG = LoggerFactory.getLogger(PeerGate.class);
  private static final long QUIET_NANOS = 60_000_000_000L;
  private static final int MAX_USERS = 1024;

  private final Map<Integer, Long> lastLogged = new ConcurrentHashMap<>();

  /** Whether a refusal of {@code uid} is to be logged now; if so, the next is not for a minute. */
  boolean due(int uid) {
    long now = System.nanoTime();
    Long last = lastLogged.get(uid);
    if (last != null && now - last < QUIET_NANOS) {
      return false;
    }
    if (lastLogged.size() >= MAX_USERS) {
      lastLogged.clear();
    }
    lastLogged.put(uid, now);
    return true;
  }

  /** Logs a refusal of {@code uid} on {@code port}. Blocking (user names): on a worker. */
  Void log(int uid, int port, Set<Integer> admitted) {
    LOG.warn(
        "refused a connection from user {} on port {}: only {} are admitted; see listen.allowUsers"
            + " (further refusals of this user are not logged for a minute)",
        UnixUsers.describe(uid),
        port,
        admitted.stream().map(UnixUsers::describe).collect(Collectors.joining(", ")));
    return null;
  }
}
