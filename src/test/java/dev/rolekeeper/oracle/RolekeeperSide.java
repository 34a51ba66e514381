package dev.rolekeeper.oracle;

import dev.rolekeeper.paths.UserPaths.AwsFiles;
import dev.rolekeeper.profiles.AwsProfiles;
import dev.rolekeeper.profiles.ProfileException;
import dev.rolekeeper.profiles.ResolvedProfile;
import dev.rolekeeper.profiles.Source;
import dev.rolekeeper.session.Plan;
import dev.rolekeeper.session.Planner;
import dev.rolekeeper.sts.StsEndpoints;
import dev.rolekeeper.sts.StsTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What rolekeeper's planner makes of every role profile of a case. */
final class RolekeeperSide {

  private RolekeeperSide() {}

  static Map<String, Resolution> resolve(Path copied, Map<String, String> env) {
    Map<String, Resolution> out = new LinkedHashMap<>();
    AwsProfiles profiles;
    try {
      profiles =
          AwsProfiles.load(new AwsFiles(copied.resolve("config"), copied.resolve("credentials")));
    } catch (ProfileException e) {
      out.put("*", Resolution.failed(e.getMessage()));
      return out;
    }
    Planner planner =
        new Planner(profiles, null, env, Duration.ofSeconds(5))
            .stsEndpoints(new StsEndpoints(env, Optional.empty(), Optional.empty()));
    for (String name : profiles.names()) {
      if (!profiles.servingKey(name).map("role_arn"::equals).orElse(false)
          && !hasRole(profiles, name)) {
        continue;
      }
      Plan plan = planner.plan(List.of(name)).get(name);
      if (plan instanceof Plan.Invalid invalid) {
        out.put(name, Resolution.failed(invalid.reason()));
        continue;
      }
      StsTarget target = plan.hop().route().target();
      try {
        out.put(
            name,
            new Resolution(
                target.endpoint().toString().replaceAll("/$", ""),
                target.region(),
                chain(profiles.resolve(name)),
                null));
      } catch (ProfileException e) {
        out.put(name, Resolution.failed(e.getMessage()));
      }
    }
    return out;
  }

  private static boolean hasRole(AwsProfiles profiles, String name) {
    try {
      return profiles.resolve(name).isRole();
    } catch (ProfileException e) {
      return false;
    }
  }

  private static List<String> chain(ResolvedProfile profile) {
    List<String> out = new ArrayList<>();
    ResolvedProfile at = profile;
    while (true) {
      out.add(at.role().arn());
      Source source = at.source();
      if (source instanceof Source.RoleSource parent) {
        at = parent.parent();
      } else {
        if (source instanceof Source.StaticKeys keys) {
          out.add("keys:" + keys.accessKeyId());
        } else if (source instanceof Source.WebIdentity) {
          out.add("web_identity");
        } else {
          out.add(source.getClass().getSimpleName());
        }
        return out;
      }
    }
  }
}
