package dev.rolekeeper.mfa;

import dev.rolekeeper.crypto.RandomTokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issues and checks the one-time URLs of the MFA web page ({@code /mfa/<id>}).
 *
 * <p>An id is 128 random bits from {@link RandomTokens}; one link serves one MFA device. It stays
 * valid while its device is in play (a prompt waits, or a code handed over waits for STS's
 * verdict), so a refused code leads straight to the next prompt on the same link; it ends when STS
 * accepts a code, when the device's prompts end without one (timeout, cancel), or, locked, after
 * {@value #MAX_FAILURES} refused submissions (malformed, stale form, or refused by STS). Each link
 * carries its own CSRF token for the form.
 */
public final class MfaPageLinks implements WebLinkSource {

  /** Refused submissions after which a link is locked. */
  public static final int MAX_FAILURES = 5;

  private final int port;
  private final Map<String, Link> byId = new ConcurrentHashMap<>();

  /**
   * @param port the daemon's listening port (resolved before anything is built)
   */
  public MfaPageLinks(int port) {
    this.port = port;
  }

  /** A link for {@code prompt}'s device: the live one if there is one, else a new one. */
  @Override
  public Optional<String> linkFor(MfaPrompt prompt) {
    Link link =
        byId.values().stream()
            .filter(candidate -> candidate.device().equals(prompt.device()) && !candidate.locked())
            .findFirst()
            .orElseGet(() -> issue(prompt.device()));
    return Optional.of(url(link));
  }

  /** A new link for {@code device}. */
  public Link issue(String device) {
    byId.values().removeIf(old -> old.device().equals(device) && old.locked());
    Link link = new Link(randomToken(), device, randomToken());
    byId.put(link.id(), link);
    return link;
  }

  /** The full URL of {@code link} on the daemon. */
  public String url(Link link) {
    return "http://127.0.0.1:" + port + "/mfa/" + link.id();
  }

  /**
   * The link with this id, if it is still valid (it may be locked: check {@link Link#locked()}).
   */
  public Optional<Link> find(String id) {
    return id == null ? Optional.empty() : Optional.ofNullable(byId.get(id));
  }

  /** Counts a refused submission on {@code link}; true when that locked it. */
  public boolean recordFailure(Link link) {
    boolean locked = link.failures.incrementAndGet() >= MAX_FAILURES;
    if (locked) {
      // The refusal that locks it may also have ended the device's prompts (and so the link): keep
      // it, locked.
      byId.putIfAbsent(link.id(), link);
    }
    return locked;
  }

  /** Ends {@code link} because a code was accepted through it. */
  public void consume(Link link) {
    byId.remove(link.id());
  }

  /** Lets each device's links live while the device is in play in {@code prompts}, no longer. */
  public void follow(PendingPrompts prompts) {
    prompts.onPromptEnded(device -> promptsEnded(device, prompts.inPlay(device)));
  }

  /**
   * The prompts of {@code device} ended; {@code inPlay}: a code handed over still waits for STS's
   * verdict, so the link lives on.
   */
  private void promptsEnded(String device, boolean inPlay) {
    if (!inPlay) {
      // A locked link stays (one per device at most) so that it keeps saying it is locked, not
      // "expired".
      byId.values().removeIf(link -> link.device().equals(device) && !link.locked());
    }
  }

  private static String randomToken() {
    return RandomTokens.urlSafe(16);
  }

  /** One issued link. The id and CSRF token are capabilities, so {@link #toString()} hides them. */
  public static final class Link {
    private final String id;
    private final String device;
    private final String csrf;
    private final AtomicInteger failures = new AtomicInteger();

    Link(String id, String device, String csrf) {
      this.id = id;
      this.device = device;
      this.csrf = csrf;
    }

    public String id() {
      return id;
    }

    public String device() {
      return device;
    }

    /** The CSRF token the form must send back. */
    public String csrf() {
      return csrf;
    }

    /** Whether {@code candidate} is this link's CSRF token (constant-time comparison). */
    public boolean csrfMatches(String candidate) {
      return candidate != null
          && MessageDigest.isEqual(
              csrf.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
    }

    /** Refused submissions so far. */
    public int failures() {
      return failures.get();
    }

    /** Whether too many refused submissions locked it. */
    public boolean locked() {
      return failures.get() >= MAX_FAILURES;
    }

    @Override
    public String toString() {
      return "Link[device=" + device + ", failures=" + failures.get() + "]";
    }
  }
}
