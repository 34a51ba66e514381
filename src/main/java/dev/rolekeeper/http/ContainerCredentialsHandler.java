package dev.rolekeeper.http;

import dev.rolekeeper.credentials.AwsCredentials;
import dev.rolekeeper.session.SessionDirectory.Lookup;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * {@code GET /v1/credentials/{profile}}: the container credential body, answered from memory; and,
 * with the {@code credential_process} encoder, {@code GET /v1/credential-process/{profile}}, the
 * same session in the shape {@code rolekeeper credential-process} prints.
 *
 * <p>Runs after {@link RequestCheck#profileToken} has checked the token and its scope. 404 for a
 * profile this daemon does not serve, 503 with the session's reason when there are no valid
 * credentials now. The encoded body is kept per profile until the credentials change, so the hot
 * path allocates next to nothing.
 */
final class ContainerCredentialsHandler implements Handler<RoutingContext> {

  static final String PROFILE_PARAM = "profile";

  private final ServableCredentials credentials;
  private final Function<AwsCredentials, Buffer> encoder;
  private final ConcurrentMap<String, Encoded> bodies = new ConcurrentHashMap<>();

  /** The container route's handler. */
  ContainerCredentialsHandler(ServableCredentials credentials) {
    this(credentials, CredentialsJson::container);
  }

  /**
   * @param encoder the body for a session ({@link CredentialsJson})
   */
  ContainerCredentialsHandler(
      ServableCredentials credentials, Function<AwsCredentials, Buffer> encoder) {
    this.credentials = credentials;
    this.encoder = encoder;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String profile = ctx.pathParam(PROFILE_PARAM);
    Lookup now = credentials.lookup(profile);
    if (now instanceof Lookup.Available) {
      answer(ctx, profile, now);
    } else {
      credentials
          .lookupSoon(profile)
          .onComplete(soon -> answer(ctx, profile, soon.succeeded() ? soon.result() : now));
    }
  }

  /**
   * The encoded body for {@code profile} when it has credentials to serve now, else null (the
   * route's handler then answers, waiting or with an error).
   */
  Buffer availableBody(String profile) {
    if (credentials.lookup(profile) instanceof Lookup.Available available) {
      return body(profile, available.credentials());
    }
    return null;
  }

  private void answer(RoutingContext ctx, String profile, Lookup lookup) {
    if (lookup instanceof Lookup.Available available) {
      ctx.response()
          .putHeader(HttpHeaders.CONTENT_TYPE, ErrorReply.APPLICATION_JSON)
          .end(body(profile, available.credentials()));
    } else {
      ErrorReply.noCredentials(ctx, lookup, ErrorReply.notServed(profile));
    }
  }

  private Buffer body(String profile, AwsCredentials current) {
    Encoded cached = bodies.get(profile);
    if (cached == null || cached.credentials() != current) {
      cached = new Encoded(current, encoder.apply(current));
      bodies.put(profile, cached);
    }
    return cached.body();
  }

  /**
   * An encoded body and the credentials it was made from (compared by identity: a refresh makes a
   * new object).
   */
  private record Encoded(AwsCredentials credentials, Buffer body) {
    @Override
    public String toString() {
      return "Encoded[" + credentials + "]";
    }
  }
}
