package dev.rolekeeper.sandbox;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the queue of faults the next requests of one route will meet, one fault per request in the
 * order they were planned, and applies the next, if any, before the request is authenticated. The
 * faults that are answers (errors, a broken body) are sent in the route's own protocol by its
 * {@link Answers}; delays, resets and hangs are the same everywhere. Thread-safe: tests plan faults
 * from their own thread while the event loop takes them.
 */
final class FaultHandler implements Handler<RoutingContext> {

  /** How a route answers a fault that is an answer, in its protocol's shapes. */
  interface Answers {
    void answer(Fault fault, RoutingContext ctx);
  }

  private static final Logger LOG = LoggerFactory.getLogger(FaultHandler.class);

  private final Deque<Fault> pending = new ArrayDeque<>();
  private final Answers answers;

  /** STS's route: Query API errors in XML. */
  FaultHandler() {
    this(FaultHandler::stsAnswer);
  }

  FaultHandler(Answers answers) {
    this.answers = answers;
  }

  synchronized void failNext(Fault fault, int times) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, was " + times);
    }
    for (int i = 0; i < times; i++) {
      pending.addLast(fault);
    }
  }

  synchronized void clear() {
    pending.clear();
  }

  @Override
  public void handle(RoutingContext ctx) {
    Fault next;
    synchronized (this) {
      next = pending.pollFirst();
    }
    if (next == null) {
      ctx.next();
    } else {
      apply(next, ctx);
    }
  }

  private void apply(Fault fault, RoutingContext ctx) {
    Map<String, String> params = IntakeHandler.params(ctx);
    LOG.debug(
        "Injecting {} into {}",
        fault,
        params == null ? ctx.request().path() : params.get("Action"));
    // Java 17: no pattern switch yet, so an instanceof chain over the sealed type.
    if (fault instanceof Fault.Latency latency) {
      delay(ctx, latency.delay().toMillis());
    } else if (fault instanceof Fault.Reset) {
      ctx.request().connection().close();
    } else if (fault instanceof Fault.Hang) {
      LOG.debug("Leaving the request unanswered");
    } else {
      answers.answer(fault, ctx);
    }
  }

  private static void stsAnswer(Fault fault, RoutingContext ctx) {
    if (fault instanceof Fault.ServerError error) {
      StsReplies.error(ctx, StsError.serviceUnavailable(error.status()));
    } else if (fault instanceof Fault.Denied) {
      StsReplies.error(
          ctx,
          StsError.accessDenied("User is not authorized to perform: sts:AssumeRole (injected)"));
    } else if (fault instanceof Fault.MalformedXml) {
      StsReplies.send(
          ctx,
          200,
          "<AssumeRoleResponse xmlns=\""
              + StsXml.NAMESPACE
              + "\"><AssumeRoleResult><Credentials><AccessKeyId>");
    } else {
      StsReplies.error(ctx, StsError.throttling());
    }
  }

  private void delay(RoutingContext ctx, long millis) {
    if (millis <= 0) {
      ctx.next();
    } else {
      ctx.vertx().setTimer(millis, id -> ctx.next());
    }
  }
}
