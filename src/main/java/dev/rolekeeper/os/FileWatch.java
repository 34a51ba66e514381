package dev.rolekeeper.os;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import com.sun.nio.file.SensitivityWatchEventModifier;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a listener that some files may have changed, from the kernel's notifications on their
 * directories (inotify on Linux; on macOS the JDK polls every two seconds), so that a process
 * waiting for an edit sleeps until there is one.
 *
 * <p>Each file's directory is watched and, for a symbolic link, its target's directory too: an edit
 * of the target is an edit of the file. A file whose directory does not exist (or cannot be
 * watched) is not covered: {@link #refresh()} says so, and the caller must look for changes some
 * other way until a later {@code refresh()} covers it. The listener may be told of changes that
 * leave the content as it was (a touch, a neighbour's rename) and of half-finished writes: it
 * should wait a moment and compare content. It runs on the watch thread and must not block.
 *
 * <p>Every watch of the process shares one {@link WatchService} and one daemon thread.
 */
public final class FileWatch implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FileWatch.class);
  private static final List<FileWatch> WATCHES = new CopyOnWriteArrayList<>();
  private static final Object LOCK = new Object();
  private static WatchService service; // guarded by LOCK

  private final List<Path> files;
  private final Runnable listener;
  private volatile Map<WatchKey, Set<Path>> namesByKey = Map.of();

  private FileWatch(List<Path> files, Runnable listener) {
    this.files = files;
    this.listener = listener;
  }

  /**
   * Starts watching {@code files} without registering anything yet: call {@link #refresh()} (it
   * touches the file system) before relying on it.
   */
  public static FileWatch of(Collection<Path> files, Runnable listener) {
    FileWatch watch =
        new FileWatch(files.stream().map(f -> f.toAbsolutePath().normalize()).toList(), listener);
    WATCHES.add(watch);
    return watch;
  }

  /**
   * Registers the files' directories again (a directory may have appeared, a link may point
   * elsewhere). Blocking.
   *
   * @return whether an edit of every file is now reported
   */
  public boolean refresh() {
    Map<WatchKey, Set<Path>> names = new HashMap<>();
    boolean covered = true;
    for (Path file : files) {
      covered &= add(names, file);
      if (Files.isSymbolicLink(file)) {
        try {
          covered &= add(names, file.toRealPath());
        } catch (IOException e) {
          covered = false; // a dangling link: its target's directory is unknown
        }
      }
    }
    namesByKey = Map.copyOf(names);
    return covered;
  }

  /** Stops telling the listener. Any thread. */
  @Override
  public void close() {
    WATCHES.remove(this);
    namesByKey = Map.of();
  }

  private static boolean add(Map<WatchKey, Set<Path>> names, Path file) {
    Path dir = file.getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      return false;
    }
    try {
      WatchKey key =
          dir.register(
              service(),
              new WatchEvent.Kind<?>[] {ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY},
              SensitivityWatchEventModifier.HIGH);
      names.computeIfAbsent(key, k -> new HashSet<>()).add(file.getFileName());
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("cannot watch {} for changes: {}", dir, e.toString());
      return false;
    }
  }

  private void notice(WatchKey key, Set<Path> changed, boolean everything) {
    Set<Path> names = namesByKey.get(key);
    if (names == null || !(everything || changed.stream().anyMatch(names::contains))) {
      return;
    }
    try {
      listener.run();
    } catch (RuntimeException e) {
      LOG.warn("a file-change listener failed", e);
    }
  }

  private static WatchService service() throws IOException {
    synchronized (LOCK) {
      if (service == null) {
        service = FileSystems.getDefault().newWatchService();
        WatchService watching = service;
        // A small stack: the loop only sorts events and calls listeners that hand work on.
        Thread thread =
            new Thread(null, () -> dispatch(watching), "rolekeeper-file-watch", 256 << 10);
        thread.setDaemon(true);
        thread.start();
      }
      return service;
    }
  }

  private static void dispatch(WatchService watching) {
    try {
      while (true) {
        WatchKey key = watching.take();
        Set<Path> changed = new HashSet<>();
        boolean overflow = false;
        for (WatchEvent<?> event : key.pollEvents()) {
          if (event.kind() == OVERFLOW) {
            overflow = true;
          } else if (event.context() instanceof Path name) {
            changed.add(name);
          }
        }
        // An invalid key means the directory went away: every file in it counts as changed.
        boolean gone = !key.reset();
        for (FileWatch watch : WATCHES) {
          watch.notice(key, changed, overflow || gone);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ClosedWatchServiceException e) {
      LOG.debug("file watch service closed");
    }
  }
}
