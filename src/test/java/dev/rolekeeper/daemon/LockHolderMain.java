package dev.rolekeeper.daemon;

/**
 * A second process for {@link InstanceLockTest}: takes the lock, says LOCKED, and holds it until
 * stdin closes.
 */
public final class LockHolderMain {

  private LockHolderMain() {}

  public static void main(String[] args) throws Exception {
    try (InstanceLock lock = InstanceLock.acquire(java.nio.file.Path.of(args[0]))) {
      System.out.println(lock.isHeld() ? "LOCKED" : "NOT LOCKED");
      System.out.flush();
      while (System.in.read() != -1) {
        // hold the lock until the parent closes our stdin
      }
    }
  }
}
