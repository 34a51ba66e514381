package dev.rolekeeper.http;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An MFA device as a person knows it: the name given to it in IAM and the account it belongs to,
 * read from its ARN ({@code arn:aws:iam::111122223333:mfa/alice-phone}). A hardware token's serial
 * number has neither.
 *
 * @param name the device's name, or the serial number itself
 * @param account the twelve-digit account id, when the serial is an ARN
 */
record DeviceName(String name, Optional<String> account) {

  private static final Pattern ARN =
      Pattern.compile("arn:aws[\\w-]*:iam::(\\d{12}):(?:mfa|u2f)/(?:.*/)?([^/]+)");

  static DeviceName of(String serial) {
    Matcher m = ARN.matcher(serial);
    return m.matches()
        ? new DeviceName(m.group(2), Optional.of(m.group(1)))
        : new DeviceName(serial, Optional.empty());
  }

  /** The account id grouped in fours, as the AWS console shows it: {@code 1111-2222-3333}. */
  Optional<String> accountGrouped() {
    return account.map(a -> a.substring(0, 4) + "-" + a.substring(4, 8) + "-" + a.substring(8));
  }
}
