package dev.rolekeeper.sandbox;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Runs the authenticated request's {@code Action} and writes its answer. */
final class ActionDispatchHandler implements Handler<RoutingContext> {

  private final Map<String, StsAction> actions;
  private final Clock clock;

  ActionDispatchHandler(List<StsAction> actions, Clock clock) {
    this.actions =
        actions.stream()
            .collect(Collectors.toUnmodifiableMap(StsAction::name, Function.identity()));
    this.clock = clock;
  }

  @Override
  public void handle(RoutingContext ctx) {
    Map<String, String> params = IntakeHandler.params(ctx);
    String name = params.getOrDefault("Action", "");
    StsAction action = actions.get(name);
    if (action == null) {
      StsReplies.error(ctx, StsError.invalidAction(name));
      return;
    }
    StsAction.Call call =
        new StsAction.Call(ctx.get(AuthenticationHandler.CALLER), params, clock.instant());
    StsAction.Result result = action.handle(call, IntakeHandler.requestId(ctx));
    if (result instanceof StsAction.Result.Ok ok) {
      StsReplies.ok(ctx, ok.xml());
    } else if (result instanceof StsAction.Result.Failed failed) {
      StsReplies.error(ctx, failed.error());
    }
  }
}
