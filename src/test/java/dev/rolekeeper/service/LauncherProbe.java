package dev.rolekeeper.service;

/**
 * Stands in for rolekeeper inside a test jar that {@code bin/rolekeeper} launches ({@link
 * LauncherClassDataTest}, {@link LauncherSecrecyTest}): prints its arguments and exits with 3 when
 * one is {@code --fail}, runs out of memory when one is {@code --oom}; as {@code run} it says
 * "serving", then waits until stopped and says "stopped".
 */
public final class LauncherProbe implements Runnable {

  public static void main(String[] args) throws InterruptedException {
    System.out.println("probe " + String.join(" ", args));
    if (java.util.List.of(args).contains("--fail")) {
      System.exit(3);
    }
    if (java.util.List.of(args).contains("--oom")) {
      java.util.List<long[]> hoard = new java.util.ArrayList<>();
      while (true) {
        hoard.add(new long[1 << 20]);
      }
    }
    if (args.length > 0 && args[0].equals("run")) {
      Runtime.getRuntime().addShutdownHook(new Thread(new LauncherProbe()));
      System.out.println("serving");
      System.out.flush();
      Thread.sleep(Long.MAX_VALUE);
    }
  }

  @Override
  public void run() {
    System.out.println("stopped");
    System.out.flush();
  }
}
