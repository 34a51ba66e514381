package dev.rolekeeper.sandbox;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * First step for every STS request (after the body is read): gives it a request id, decodes the
 * form body into parameters and counts the call under its {@code Action}.
 */
final class IntakeHandler implements Handler<RoutingContext> {

  static final String PARAMS = "sts.params";
  private static final String REQUEST_ID = "sts.requestId";

  private final CallCounter counter;

  IntakeHandler(CallCounter counter) {
    this.counter = counter;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.put(REQUEST_ID, UUID.randomUUID().toString());
    Map<String, String> params = parseForm(ctx.body().asString(StandardCharsets.UTF_8.name()));
    ctx.put(PARAMS, params);
    counter.record(params.getOrDefault("Action", ""));
    ctx.next();
  }

  static String requestId(RoutingContext ctx) {
    String id = ctx.get(REQUEST_ID);
    return id == null ? "" : id;
  }

  static Map<String, String> params(RoutingContext ctx) {
    return ctx.get(PARAMS);
  }

  /** {@code application/x-www-form-urlencoded}; the first value of a repeated name wins. */
  static Map<String, String> parseForm(String body) {
    Map<String, String> params = new LinkedHashMap<>();
    if (body == null || body.isEmpty()) {
      return params;
    }
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.putIfAbsent(name, value);
    }
    return params;
  }
}
