package dev.rolekeeper.doctor;

import dev.rolekeeper.process.ChildEnvironment;
import dev.rolekeeper.process.ProgramLocator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds and runs the desktop programs the checks ask, with the context's environment and a time
 * limit, less the secrets {@link ChildEnvironment} keeps from every child.
 */
final class Programs {

  private Programs() {}

  static Optional<Path> find(DoctorContext context, String name) {
    return new ProgramLocator(context.variable("PATH")).find(name);
  }

  /** The program's standard output when it exits 0 within the timeout; empty otherwise. */
  static Optional<String> output(DoctorContext context, Path program, String... args) {
    List<String> command = new ArrayList<>(List.of(program.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().clear();
    builder.environment().putAll(context.paths().env());
    ChildEnvironment.scrub(builder.environment());
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      if (!process.waitFor(context.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return process.exitValue() == 0 ? Optional.of(out) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** A desktop session is there (X11 or Wayland, or at least a session bus address). */
  static boolean desktop(DoctorContext context) {
    return context.variable("DISPLAY") != null
        || context.variable("WAYLAND_DISPLAY") != null
        || context.variable("DBUS_SESSION_BUS_ADDRESS") != null;
  }
}
