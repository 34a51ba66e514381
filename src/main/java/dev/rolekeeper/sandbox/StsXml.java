package dev.rolekeeper.sandbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Writes the STS Query API's XML answers (namespace {@code
 * https://sts.amazonaws.com/doc/2011-06-15/}).
 */
final class StsXml {

  static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

  private final StringBuilder out = new StringBuilder(512);

  private StsXml() {}

  static String error(StsError error, String requestId) {
    return new StsXml()
        .open("ErrorResponse", NAMESPACE)
        .open("Error")
        .leaf("Type", error.type())
        .leaf("Code", error.code())
        .leaf("Message", error.message())
        .close("Error")
        .leaf("RequestId", requestId)
        .close("ErrorResponse")
        .toString();
  }

  /** Starts {@code <ActionResponse xmlns=…><StsAction.Result>}. */
  static StsXml response(String action) {
    return new StsXml().open(action + "Response", NAMESPACE).open(action + "Result");
  }

  /** Ends the result, adds the request id and closes the response. */
  String finish(String action, String requestId) {
    return close(action + "Result")
        .open("ResponseMetadata")
        .leaf("RequestId", requestId)
        .close("ResponseMetadata")
        .close(action + "Response")
        .toString();
  }

  StsXml credentials(IssuedCredential credential) {
    return open("Credentials")
        .leaf("AccessKeyId", credential.accessKeyId())
        .leaf("SecretAccessKey", credential.secretAccessKey())
        .leaf("SessionToken", credential.sessionToken())
        .leaf("Expiration", credential.expiration().truncatedTo(ChronoUnit.SECONDS).toString())
        .close("Credentials");
  }

  StsXml open(String name) {
    out.append('<').append(name).append('>');
    return this;
  }

  StsXml close(String name) {
    out.append("</").append(name).append('>');
    return this;
  }

  StsXml leaf(String name, String value) {
    return open(name).text(value).close(name);
  }

  private StsXml open(String name, String namespace) {
    out.append('<').append(name).append(" xmlns=\"").append(namespace).append("\">");
    return this;
  }

  private StsXml text(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&apos;");
        default -> out.append(c);
      }
    }
    return this;
  }

  static String isoSeconds(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
