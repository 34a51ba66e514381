package dev.rolekeeper.endpoint;

import dev.rolekeeper.os.UnixUsers;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs refused connections at most once a minute per user, so another user that keeps trying cannot
 * flood the log. Called on a worker: user names come from {@code /etc/passwd}.
 */
final class PeerRefusals {

  private static final Logger LOG = LoggerFactory.getLogger(PeerGate.class);
  private static final long QUIET_NANOS = 60_000_000_000L;
  private static final int MAX_USERS = 1024;

  private final Map<Integer, Long> lastLogged = new ConcurrentHashMap<>();

  void refused(int uid, int port, Set<Integer> admitted) {
    long now = System.nanoTime();
    Long last = lastLogged.get(uid);
    if (last != null && now - last < QUIET_NANOS) {
      return;
    }
    if (lastLogged.size() >= MAX_USERS) {
      lastLogged.clear();
    }
    lastLogged.put(uid, now);
    LOG.warn(
        "refused a connection from user {} on port {}: only {} are admitted; see listen.allowUsers"
            + " (further refusals of this user are not logged for a minute)",
        UnixUsers.describe(uid),
        port,
        admitted.stream().map(UnixUsers::describe).collect(Collectors.joining(", ")));
  }
}
