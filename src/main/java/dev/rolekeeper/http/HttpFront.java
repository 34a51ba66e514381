package dev.rolekeeper.http;

import dev.rolekeeper.daemon.Daemon;
import dev.rolekeeper.daemon.DaemonTuning;
import dev.rolekeeper.daemon.Front;
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
    EndpointOptions options =
        new EndpointOptions(
                daemon.listening().host(),
                daemon.port(),
                daemon.imdsPort(),
                daemon.imds().choice(),
                daemon.region(),
                daemon.stateDir())
            .withAllowUids(daemon.allowUids());
    MfaPage page = new MfaPage(daemon.mfa().prompts(), daemon.mfa().links(), daemon::linkOpened);
    EndpointAddOns addOns =
        new EndpointAddOns(
            page.pageHandler(),
            page.submitHandler(),
            new MfaSubmitControlHandler(daemon.mfa().prompts()),
            new SsoLoginHandler(daemon.identityCenter().sessions()),
            daemon::statusJson);
    return EndpointDeployment.deploy(
            vertx,
            options,
            daemon.sessions(),
            daemon.tokens(),
            DaemonTuning.ENDPOINT_INSTANCES,
            addOns,
            daemon.imds())
        .map(deployment -> () -> deployment.undeploy(vertx));
  }
}
