package dev.rolekeeper.daemon;

import dev.rolekeeper.config.Settings;
import dev.rolekeeper.paths.UserPaths;
import dev.rolekeeper.paths.UserPaths.AwsFiles;
import dev.rolekeeper.profiles.AwsProfiles;
import dev.rolekeeper.profiles.ProfileException;
import dev.rolekeeper.profiles.ResolvedProfile;
import dev.rolekeeper.session.Plan;
import dev.rolekeeper.session.Planner;
import dev.rolekeeper.session.SignInSources;
import dev.rolekeeper.session.Unserved;
import dev.rolekeeper.sts.StsEndpoints;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the daemon serves, as planned from the settings and the AWS files: the served profile names
 * and a plan for each of them and for every role profile they chain from.
 *
 * @param served the served profiles, in the order the settings (or the files) name them
 * @param plans the plans, served profiles and their chains
 * @param notServed the profiles of the files that look meant to be served and are not, with why
 */
record ServedPlans(
    List<String> served,
    Map<String, Plan> plans,
    Map<String, String> deviceProcesses,
    List<Unserved> notServed) {

  private static final Logger LOG = LoggerFactory.getLogger(ServedPlans.class);

  ServedPlans {
    served = List.copyOf(served);
    plans = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(plans));
    deviceProcesses = Map.copyOf(deviceProcesses);
    notServed = List.copyOf(notServed);
  }

  /**
   * Reads the AWS files and plans (blocking). The settings' profile list, or every role profile in
   * the files.
   *
   * @throws ProfileException if the AWS files cannot be read or parsed
   */
  static ServedPlans read(
      Settings settings,
      Map<String, String> env,
      String region,
      Duration processTimeout,
      SignInSources signIns)
      throws ProfileException {
    AwsFiles files = UserPaths.of(env).awsFiles();
    AwsProfiles profiles = AwsProfiles.load(files);
    Planner planner =
        new Planner(profiles, region, env, processTimeout, signIns)
            .ownPorts(ownPorts(settings))
            .stsEndpoints(
                new StsEndpoints(env, settings.sts().endpoint(), settings.served().region()));
    List<String> served =
        settings.served().profiles().isEmpty()
            ? planner.roleProfiles()
            : settings.served().profiles();
    Map<String, Plan> plans = planner.plan(served);
    return new ServedPlans(
        served,
        plans,
        deviceProcesses(profiles, plans.keySet()),
        Unserved.find(profiles, plans.keySet(), !settings.served().profiles().isEmpty()));
  }

  /**
   * The ports this daemon listens on as the settings fix them (a port of 0 is chosen at start, and
   * no environment set before could name it).
   */
  static Set<Integer> ownPorts(Settings settings) {
    Set<Integer> ports = new HashSet<>();
    if (settings.listen().port() > 0) {
      ports.add(settings.listen().port());
    }
    if (settings.served().imds().enabled() && settings.listen().imdsPort() > 0) {
      ports.add(settings.listen().imdsPort());
    }
    return ports;
  }

  /**
   * The {@code mfa_process} of the planned profiles, by their MFA device; the first profile naming
   * one wins.
   */
  private static Map<String, String> deviceProcesses(
      AwsProfiles profiles, Collection<String> names) {
    Map<String, String> commands = new LinkedHashMap<>();
    for (String name : names) {
      try {
        ResolvedProfile profile = profiles.resolve(name);
        if (profile.mfa().serial() != null && profile.mfa().process() != null) {
          String earlier = commands.putIfAbsent(profile.mfa().serial(), profile.mfa().process());
          if (earlier != null && !earlier.equals(profile.mfa().process())) {
            LOG.warn(
                "profiles name different mfa_process commands for {}; using the first one, profile {}'s"
                    + " is ignored",
                profile.mfa().serial(),
                name);
          }
        }
      } catch (ProfileException e) {
        // An unresolvable profile is planned as Invalid already and never asks for a code.
      }
    }
    return commands;
  }

  /**
   * Every named profile invalid for the same reason: how a daemon starts when the AWS files are
   * broken.
   */
  static ServedPlans allInvalid(List<String> served, String reason) {
    Map<String, Plan> plans = new LinkedHashMap<>();
    served.forEach(name -> plans.put(name, new Plan.Invalid(name, reason)));
    return new ServedPlans(served, plans, Map.of(), List.of());
  }

  /**
   * The first profile these plans serve that {@code next} could no longer serve, with its reason: a
   * new file that would break a working profile is refused as a whole, so a typo never takes away
   * working credentials. (A newly added profile that is invalid is not a regression: it is served
   * with its error, which {@code status} shows.)
   */
  Optional<Plan.Invalid> regressionIn(ServedPlans next) {
    for (String name : next.served()) {
      Plan before = plans.get(name);
      if (next.plans().get(name) instanceof Plan.Invalid invalid
          && before != null
          && !(before instanceof Plan.Invalid)) {
        return Optional.of(invalid);
      }
    }
    return Optional.empty();
  }
}
