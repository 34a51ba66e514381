package dev.rolekeeper.doctor;

import java.util.List;

/**
 * Nothing in the environment or the AWS files wins over the container endpoint in the SDKs' chains.
 */
final class CredentialChainCheck implements Check {

  @Override
  public String name() {
    return "credential chain";
  }

  @Override
  public CheckResult run(DoctorContext context) {
    List<String> shadows = SdkChainShadows.find(context.paths().env());
    if (shadows.isEmpty()) {
      return new CheckResult.Passed(
          "nothing in the environment or the AWS files wins over the container endpoint");
    }
    String first = shadows.get(0);
    int semicolon = first.lastIndexOf("; ");
    String fix =
        semicolon < 0 ? "unset it in your shell's start-up file" : first.substring(semicolon + 2);
    String summary = semicolon < 0 ? first : first.substring(0, semicolon);
    if (shadows.size() > 1) {
      summary += " (and " + (shadows.size() - 1) + " more: rolekeeper env PROFILE lists them)";
    }
    return new CheckResult.NeedsFix(summary, fix);
  }
}
