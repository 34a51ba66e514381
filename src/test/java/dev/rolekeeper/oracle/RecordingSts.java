package dev.rolekeeper.oracle;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in STS on loopback for following an SDK's source chain: it records, for each call, the
 * action, the role and the access key that signed it, and answers with made-up credentials whose
 * key id ({@code ASIA0001}, ...) says which call issued them.
 */
final class RecordingSts implements AutoCloseable {

  /** One recorded call. */
  record Call(String action, String roleArn, String signer, String issued) {}

  private static final Pattern SIGNER = Pattern.compile("Credential=([^/]+)/");
  private static final String ANSWER =
      "<%1$sResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><%1$sResult>"
          + "<AssumedRoleUser><AssumedRoleId>AROAX:s</AssumedRoleId>"
          + "<Arn>arn:aws:sts::123456789012:assumed-role/x/s</Arn></AssumedRoleUser>"
          + "<Credentials><AccessKeyId>%2$s</AccessKeyId><SecretAccessKey>s</SecretAccessKey>"
          + "<SessionToken>t</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration>"
          + "</Credentials></%1$sResult><ResponseMetadata><RequestId>r</RequestId>"
          + "</ResponseMetadata></%1$sResponse>";

  private final HttpServer server;
  private final List<Call> calls = new ArrayList<>();

  RecordingSts() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          Map<String, String> form =
              form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          Matcher signer =
              SIGNER.matcher(
                  String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
          Call call;
          synchronized (calls) {
            call =
                new Call(
                    form.get("Action"),
                    form.get("RoleArn"),
                    signer.find() ? signer.group(1) : null,
                    String.format("ASIA%04d", calls.size() + 1));
            calls.add(call);
          }
          byte[] body =
              String.format(ANSWER, call.action(), call.issued()).getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/xml");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /**
   * The chain the recorded calls show, from the last call (the profile's own role) back to what
   * signed the first: role ARNs, then {@code keys:AKID} or {@code web_identity}. Clears the record.
   */
  List<String> chainAndClear() {
    synchronized (calls) {
      List<String> out = new ArrayList<>();
      Map<String, Call> byIssued = new HashMap<>();
      calls.forEach(c -> byIssued.put(c.issued(), c));
      Call call = calls.isEmpty() ? null : calls.get(calls.size() - 1);
      while (call != null) {
        out.add(call.roleArn());
        if ("AssumeRoleWithWebIdentity".equals(call.action())) {
          out.add("web_identity");
          break;
        }
        Call previous = byIssued.get(call.signer());
        if (previous == null) {
          out.add("keys:" + call.signer());
        }
        call = previous;
      }
      calls.clear();
      return out;
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new HashMap<>();
    for (String pair : body.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        out.put(
            URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
