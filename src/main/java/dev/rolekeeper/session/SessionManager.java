package dev.rolekeeper.session;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.process.ProcessRunner;
import dev.rolekeeper.sts.StsGateway;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Owns every session: the served profiles and the role profiles they chain from. Deployed as a
 * verticle so all session state lives on one context; {@link #lookup(String)} is safe from any
 * thread and never waits.
 */
public final class SessionManager extends VerticleBase implements SessionDirectory {

  private volatile Map<String, Plan> plans;
  private volatile Set<String> served;
  private final StsGateway gateway;
  private final CodeSource codes;
  private final RefreshPolicy policy;
  private final Clock clock;

  /**
   * Sorted by name (the status order); concurrent because lookups read it while a reload replaces
   * sessions.
   */
  private final Map<String, Session> sessions = new ConcurrentSkipListMap<>();

  private final List<SessionListener> listeners = new CopyOnWriteArrayList<>();
  private boolean holdFirstRefresh;

  /** Completed on this verticle's context once the served profiles' first fetch has begun. */
  private final Promise<Void> refreshingBegun = Promise.promise();

  private ProcessRunner processes;
  private SessionServices services;

  /**
   * @param plans a plan for every served profile and for every role profile they chain from, in a
   *     stable order
   * @param served the profiles clients may read (a subset of the plans' keys)
   */
  public SessionManager(
      Map<String, Plan> plans,
      Set<String> served,
      StsGateway gateway,
      CodeSource codes,
      RefreshPolicy policy,
      Clock clock) {
    CurrentPlans.checkServedArePlanned(plans, served);
    this.plans = Map.copyOf(plans);
    this.served = Set.copyOf(served);
    this.gateway = gateway;
    this.codes = codes;
    this.policy = policy;
    this.clock = clock;
  }

  public void addListener(SessionListener listener) {
    listeners.add(listener);
  }

  @Override
  public Future<?> start() {
    processes = processes != null ? processes : new ProcessRunner(vertx, Map.of());
    CredentialFetcher fetcher =
        new CredentialFetcher(
            vertx,
            clock,
            policy.mfaSessionSeconds(),
            new CurrentPlans(sessions, () -> plans, () -> served),
            new CredentialFetcher.Upstream(gateway, processes, codes));
    services = new SessionServices(context, clock, policy, fetcher, this::refreshed);
    plans.forEach((name, plan) -> sessions.put(name, new Session(name, plan, services)));
    if (!holdFirstRefresh) {
      refreshServed();
    }
    return Future.succeededFuture();
  }

  /**
   * Runs credential processes with the daemon's one process runner (else with one of its own).
   * Before deploying.
   */
  public SessionManager withProcesses(ProcessRunner runner) {
    processes = runner;
    return this;
  }

  /**
   * Deployed sessions wait for {@link #beginRefreshing()} before their first fetch: the daemon
   * opens its endpoint first, so the first MFA prompt can already name the web page's address. A
   * request that comes in between waits for that first fetch as for any running one ({@link
   * #lookupSoon}). Call before deploying.
   */
  public SessionManager holdFirstRefresh() {
    holdFirstRefresh = true;
    return this;
  }

  /** Starts the first fetch of every served profile, after {@link #holdFirstRefresh()}. */
  public void beginRefreshing() {
    context.runOnContext(v -> refreshServed());
  }

  private void refreshServed() {
    // Served profiles first: their first fetch pulls in the chain they need.
    sessions.values().stream().filter(s -> served.contains(s.profile())).forEach(Session::refresh);
    refreshingBegun.tryComplete();
  }

  /**
   * Serves a new set of plans (after the AWS files or the settings changed). A session whose plan
   * is {@link Object#equals equal} to its new one, and whose chain of parents is unchanged too, is
   * kept as it is: its credentials stay served and no STS call is made. Sessions of changed or new
   * profiles start afresh (served ones fetch at once); sessions of profiles no longer planned are
   * stopped. Completes on this verticle's context once the new sessions are in place (their first
   * fetch may still be running).
   *
   * @param newPlans a plan for every served profile and for every role profile they chain from
   * @param newServed the profiles clients may read from now on (a subset of the plans' keys)
   * @return the profiles whose sessions were replaced, added or removed
   */
  public Future<Set<String>> replacePlans(Map<String, Plan> newPlans, Set<String> newServed) {
    CurrentPlans.checkServedArePlanned(newPlans, newServed);
    Map<String, Plan> plansCopy = Map.copyOf(newPlans);
    Set<String> servedCopy = Set.copyOf(newServed);
    Promise<Set<String>> done = Promise.promise();
    context.runOnContext(v -> done.complete(replaceOnContext(plansCopy, servedCopy)));
    return done.future();
  }

  private Set<String> replaceOnContext(Map<String, Plan> newPlans, Set<String> newServed) {
    Set<String> changed = PlanChanges.changed(plans, newPlans);
    Set<String> removed = new TreeSet<>(plans.keySet());
    removed.removeAll(newPlans.keySet());
    Set<String> touched = new TreeSet<>(changed);
    touched.addAll(removed);
    // Sessions of changed profiles are swapped in place (never removed first) so a lookup always
    // finds one.
    changed.forEach(
        name -> {
          Session fresh = new Session(name, newPlans.get(name), services);
          Session old = sessions.put(name, fresh);
          if (old != null) {
            old.stop();
          }
        });
    plans = newPlans;
    served = newServed;
    removed.forEach(
        name -> {
          Session old = sessions.remove(name);
          if (old != null) {
            old.stop();
          }
        });
    changed.stream().filter(newServed::contains).forEach(name -> sessions.get(name).refresh());
    return touched;
  }

  @Override
  public Future<?> stop() {
    sessions.values().forEach(Session::stop);
    gateway.close();
    return Future.succeededFuture();
  }

  @Override
  public Set<String> profiles() {
    return served;
  }

  @Override
  public Lookup lookup(String profile) {
    Session session = served.contains(profile) ? sessions.get(profile) : null;
    return session == null ? new Lookup.Unknown() : session.lookup(clock.instant());
  }

  @Override
  public Future<Lookup> lookupSoon(String profile) {
    Lookup now = lookup(profile);
    Session session = served.contains(profile) ? sessions.get(profile) : null;
    if (!(now instanceof Lookup.Unavailable) || session == null) {
      return Future.succeededFuture(now);
    }
    return session.settledSoon(refreshingBegun.future()).map(v -> lookup(profile));
  }

  @Override
  public Future<AwsCredentials> refresh(String profile) {
    Session session = served.contains(profile) ? sessions.get(profile) : null;
    if (session == null) {
      return Future.failedFuture(
          new IllegalArgumentException("profile " + profile + " is not served"));
    }
    return session.refresh();
  }

  @Override
  public Future<List<SessionStatus>> status() {
    Promise<List<SessionStatus>> lines = Promise.promise();
    context.runOnContext(
        v -> {
          Instant now = clock.instant();
          lines.complete(
              sessions.values().stream()
                  .filter(s -> served.contains(s.profile()))
                  .map(s -> s.status(now))
                  .toList());
        });
    return lines.future();
  }

  /**
   * When the shared MFA session of a device ends (null if none is held). On this verticle's
   * context.
   */
  public Future<Instant> mfaSessionExpiration(String device) {
    Promise<Instant> ends = Promise.promise();
    context.runOnContext(v -> ends.complete(services.fetcher().mfaSessions().expiration(device)));
    return ends.future();
  }

  private void refreshed(String profile, AwsCredentials credentials) {
    if (served.contains(profile)) {
      listeners.forEach(l -> l.refreshed(profile, credentials));
    }
  }
}
