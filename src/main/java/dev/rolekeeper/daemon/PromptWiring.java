package dev.rolekeeper.daemon;

import dev.rolekeeper.config.PromptWay;
import dev.rolekeeper.config.Settings;
import dev.rolekeeper.http.MfaPage;
import dev.rolekeeper.mfa.MfaSettings;
import dev.rolekeeper.mfa.MfaWiring;
import dev.rolekeeper.process.ProcessRunner;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The daemon's MFA prompts: the prompt ways from the settings, the local web page that takes codes,
 * and the profiles' {@code mfa_process} commands by device.
 *
 * <p>The page's links need the endpoint's port, known only once it is deployed: {@link #servedOn}
 * supplies it.
 */
final class PromptWiring {

  private final MfaWiring mfa;
  private final MfaPage page;
  private final AtomicInteger port;
  private final AtomicReference<Map<String, String>> deviceProcesses;
  private final boolean processWay;

  private PromptWiring(
      MfaWiring mfa,
      MfaPage page,
      AtomicInteger port,
      AtomicReference<Map<String, String>> deviceProcesses,
      boolean processWay) {
    this.mfa = mfa;
    this.page = page;
    this.port = port;
    this.deviceProcesses = deviceProcesses;
    this.processWay = processWay;
  }

  static PromptWiring create(
      Vertx vertx, Settings settings, ServedPlans planned, ProcessRunner processes) {
    AtomicInteger port = new AtomicInteger();
    MfaSettings mfaSettings = MfaSettings.from(settings.mfa(), planned.deviceProcesses());
    // Profiles' mfa_process commands are looked up at each prompt, so a reload of the AWS files
    // changes them.
    AtomicReference<Map<String, String>> deviceProcesses =
        new AtomicReference<>(planned.deviceProcesses());
    MfaWiring mfa =
        MfaWiring.create(
            vertx,
            mfaSettings,
            processes,
            device ->
                Optional.ofNullable(deviceProcesses.get().get(device))
                    .filter(c -> !c.isBlank())
                    .or(mfaSettings::mfaProcess));
    MfaPage page = new MfaPage(mfa.prompts(), port::get);
    mfa.useWebLinks(page.linkSource());
    page.whenOpened(processes.browser()::opened);
    boolean processWay = mfaSettings.hasProcess() && mfaSettings.ways().contains(PromptWay.PROCESS);
    return new PromptWiring(mfa, page, port, deviceProcesses, processWay);
  }

  MfaWiring mfa() {
    return mfa;
  }

  MfaPage page() {
    return page;
  }

  /** The endpoint's port, for the page's links. */
  void servedOn(int endpointPort) {
    port.set(endpointPort);
  }

  /**
   * Where a reload hands the profiles' new {@code mfa_process} commands; {@code null} when no
   * prompt runs a process, so a reload has nothing to update.
   */
  Consumer<Map<String, String>> deviceProcessUpdates() {
    return processWay ? deviceProcesses::set : null;
  }
}
