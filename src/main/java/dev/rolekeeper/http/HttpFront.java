package dev.rolekeeper.http;

import dev.rolekeeper.daemon.Daemon;
import dev.rolekeeper.daemon.DaemonTuning;
import dev.rolekeeper.daemon.Front;
import dev.rolekeeper.daemon.Parts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The daemon's HTTP endpoints as its {@link Front}: the container, IMDS, control and MFA-page
 * routes on the daemon's ports, one endpoint instance per event loop ({@link
 * DaemonTuning#ENDPOINT_INSTANCES}).
 */
public final class HttpFront implements Front {

  private final Vertx vertx;

  public HttpFront(Vertx vertx) {
    this.vertx = vertx;
  }

  @Override
  public Future<Open> open(Daemon daemon) {
    Parts parts = daemon.parts();
    EndpointOptions options =
        new EndpointOptions(
            new EndpointOptions.Listen(parts.listening().host(), daemon.port(), daemon.imdsPort()),
            parts.imds().choice(),
            daemon.region(),
            EndpointOptions.ConnectionTimeouts.DEFAULT,
            parts.listening().allowUids());
    MfaPage page =
        new MfaPage(
            parts.mfa().prompts(), parts.mfa().links(), parts.processes().browser()::opened);
    EndpointAddOns addOns =
        new EndpointAddOns(
            page.pageHandler(),
            page.submitHandler(),
            new MfaSubmitControlHandler(parts.mfa().prompts()),
            new SsoLoginHandler(parts.identityCenter().sessions()),
            new ConsoleLoginHandler(parts.consoleLogins().sessions()),
            daemon::statusJson);
    return EndpointDeployment.deploy(
            vertx,
            options,
            daemon.sessions(),
            daemon.tokens(),
            DaemonTuning.ENDPOINT_INSTANCES,
            addOns,
            parts.imds())
        .map(deployment -> () -> deployment.undeploy(vertx));
  }
}
