package dev.rolekeeper.doctor;

import dev.rolekeeper.sts.AwsNetwork;
import dev.rolekeeper.sts.NetworkSetupException;
import java.nio.file.Path;

/**
 * Which proxy the daemon's STS calls go through (password shown as {@code ***}) and which CA bundle
 * they trust, read from the same variables and by the same code as the daemon; a proxy variable or
 * {@code AWS_CA_BUNDLE} that cannot be used needs a fix. A profile's own {@code ca_bundle} is
 * reported by {@code rolekeeper status}, for the profiles that name one.
 */
final class StsNetworkCheck implements Check {

  @Override
  public String name() {
    return "sts network";
  }

  @Override
  public CheckResult run(DoctorContext context) {
    AwsNetwork network = AwsNetwork.from(context.paths().env());
    String proxy = network.describeProxy(context.sts());
    if (proxy.startsWith("unusable: ")) {
      return new CheckResult.NeedsFix(
          "STS calls to " + context.sts() + ": the proxy " + proxy,
          "export the proxy as http://[user:password@]host:port, or unset the variable");
    }
    Path bundle = network.caBundle(null);
    if (bundle != null) {
      try {
        network.verifyCaBundle(bundle);
      } catch (NetworkSetupException e) {
        return new CheckResult.NeedsFix(
            "AWS_CA_BUNDLE: " + e.getMessage(),
            "point AWS_CA_BUNDLE at a readable PEM file of CA certificates, or unset it");
      }
    }
    return new CheckResult.Passed(
        "STS calls to "
            + context.sts()
            + " go through proxy "
            + proxy
            + ", CA bundle "
            + network.describeCaBundle(null));
  }
}
