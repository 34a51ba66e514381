package dev.rolekeeper.doctor;

import java.time.Clock;
import java.util.List;

/** Runs every check in order; the report is healthy only when no check found something to fix. */
public final class Doctor {

  /**
   * The folder inside a demo's state directory that holds its generated AWS files; doctor tells a
   * demo's state directory by it.
   */
  public static final String DEMO_FILES = "demo";

  /** One check's name and result. */
  public record Finding(String check, CheckResult result) {}

  private final List<Check> checks;

  public Doctor(List<Check> checks) {
    this.checks = List.copyOf(checks);
  }

  /** The checks of {@code rolekeeper doctor}, cheapest first. */
  public static Doctor standard() {
    return new Doctor(
        List.of(
            new DaemonCheck(),
            new CredentialChainCheck(),
            new ProxyCheck(),
            new StsNetworkCheck(),
            new DbusSessionCheck(),
            new NotificationServerCheck(),
            new DialogProgramCheck(),
            new ClockSkewCheck(Clock.systemUTC()),
            new PermissionsCheck(),
            new ServiceFileCheck()));
  }

  public List<Finding> run(DoctorContext context) {
    return checks.stream().map(check -> new Finding(check.name(), safely(check, context))).toList();
  }

  public static boolean healthy(List<Finding> findings) {
    return findings.stream().noneMatch(f -> f.result() instanceof CheckResult.NeedsFix);
  }

  private static CheckResult safely(Check check, DoctorContext context) {
    try {
      return check.run(context);
    } catch (RuntimeException e) {
      return new CheckResult.NeedsFix(
          "the check itself failed: " + e.getMessage(),
          "report this as a rolekeeper bug, with the line above");
    }
  }
}
