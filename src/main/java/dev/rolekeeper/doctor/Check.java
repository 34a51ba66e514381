package dev.rolekeeper.doctor;

/**
 * One thing {@code rolekeeper doctor} checks. Implementations never throw: a failure to look is
 * itself a result.
 */
public interface Check {

  /** A short name for the report, e.g. {@code daemon}. */
  String name();

  CheckResult run(DoctorContext context);
}
