package dev.rolekeeper.os;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import dev.rolekeeper.os.TcpSockets.Connection;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.OptionalInt;

/**
 * The owner of a TCP connection's client end, asked of the kernel's socket diagnostics (netlink,
 * {@code NETLINK_SOCK_DIAG}) by the connection's exact four-tuple: a hash look-up in the kernel, a
 * few microseconds of system calls and no file, where {@link TcpSockets} reads a table the kernel
 * renders by walking its whole socket hash (milliseconds). Java cannot open a netlink socket, so
 * libc is called through JNA.
 *
 * <p>One netlink socket per instance, used by one thread at a time (each event loop its own): a
 * look-up never waits, since the kernel answers a request before {@code sendto} returns, and the
 * answer is read without blocking. {@link #open()} fails where there is no such interface (not
 * Linux, JNA cannot load its native part, netlink refused by a sandbox) or where its answer for a
 * socket of ours is not right.
 *
 * <p>JNA unpacks its native part on first use into {@code ~/.cache/JNA/temp} (the {@code
 * jna.tmpdir} property overrides it), or into {@code java.io.tmpdir} where that is not writable, as
 * under the systemd unit's {@code ProtectSystem=strict} (its {@code PrivateTmp} is ours alone); the
 * file is deleted at exit. Where it cannot be loaded at all ({@code noexec} everywhere), {@link
 * #open} fails and the tables are used.
 */
public final class SockDiag implements ClientOwners, AutoCloseable {

  private static final int AF_NETLINK = 16;
  // SOCK_RAW rather than SOCK_DGRAM: netlink treats them alike, and its value is the same on every
  // architecture Linux runs on (SOCK_DGRAM is not, on MIPS)
  private static final int SOCK_RAW = 3;
  private static final int SOCK_CLOEXEC = 0x80000;
  private static final int NETLINK_SOCK_DIAG = 4;
  private static final int MSG_DONTWAIT = 0x40;
  private static final int EINTR = 4;
  // sockaddr_nl of the kernel: family AF_NETLINK, port id 0, no groups
  private static final byte[] KERNEL = kernelAddress();
  private static final NativeLong REQUEST_LENGTH = new NativeLong(SockDiagMessages.REQUEST);

  private final int fd;
  private final byte[] request = new byte[SockDiagMessages.REQUEST];
  private final byte[] reply = new byte[1024];
  private final NativeLong replyLength = new NativeLong(reply.length);
  private int sequence;
  private boolean closed;

  private SockDiag(int fd) {
    this.fd = fd;
  }

  /**
   * A netlink socket for look-ups, checked on a connection of this process's own: its client end
   * must be found with this process's uid ({@code ownUid}, when known). Blocking (loads a native
   * library, makes a loopback connection): not on an event loop.
   *
   * @throws IOException where socket diagnostics cannot be used here, with the reason
   */
  public static SockDiag open(OptionalInt ownUid) throws IOException {
    if (!Platform.isLinux()) {
      throw new IOException("socket diagnostics are Linux's");
    }
    int fd;
    try {
      fd = Libc.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
    } catch (LinkageError e) {
      throw new IOException("JNA could not load: " + e.getMessage(), e);
    }
    if (fd < 0) {
      throw new IOException("no netlink socket: errno " + Native.getLastError());
    }
    SockDiag diag = new SockDiag(fd);
    try {
      diag.check(ownUid);
      return diag;
    } catch (IOException | RuntimeException e) {
      diag.close();
      throw e;
    }
  }

  private void check(OptionalInt ownUid) throws IOException {
    InetAddress loopback = InetAddress.getLoopbackAddress();
    try (ServerSocket server = new ServerSocket(0, 1, loopback);
        Socket client = new Socket(loopback, server.getLocalPort());
        Socket accepted = server.accept()) {
      Connection mine =
          new Connection(
              accepted.getInetAddress(), accepted.getPort(), loopback, server.getLocalPort());
      OptionalInt uid = owner(mine);
      if (uid.isEmpty() || (ownUid.isPresent() && uid.getAsInt() != ownUid.getAsInt())) {
        throw new IOException("socket diagnostics answered " + uid + " for a socket of ours");
      }
    }
  }

  /**
   * The uid owning {@code c}'s client end; empty when the kernel has no live socket for it (closed
   * meanwhile, or only a TIME_WAIT remnant). Never blocks.
   *
   * @throws IOException when the kernel's answer is missing or malformed
   */
  @Override
  public OptionalInt owner(Connection c) throws IOException {
    if (closed) {
      throw new IOException("socket diagnostics: closed");
    }
    int seq = ++sequence;
    SockDiagMessages.clientEnd(c, seq, request);
    long sent;
    do {
      sent = Libc.sendto(fd, request, REQUEST_LENGTH, 0, KERNEL, KERNEL.length).longValue();
    } while (sent < 0 && Native.getLastError() == EINTR);
    if (sent != request.length) {
      throw new IOException("socket diagnostics: send failed, errno " + Native.getLastError());
    }
    // Answers to earlier requests that failed half-way are skipped: the one for this sequence
    // number is already queued (the kernel answers within sendto), so a read that would wait
    // means there is none.
    while (true) {
      long got = Libc.recv(fd, reply, replyLength, MSG_DONTWAIT).longValue();
      if (got < 0) {
        if (Native.getLastError() == EINTR) {
          continue;
        }
        throw new IOException("socket diagnostics: no answer, errno " + Native.getLastError());
      }
      int length = (int) Math.min(got, reply.length);
      if (length >= 12 && SockDiagMessages.sequence(reply) != seq) {
        continue;
      }
      return SockDiagMessages.owner(reply, length, seq, c);
    }
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      Libc.close(fd);
    }
  }

  private static byte[] kernelAddress() {
    byte[] address = new byte[12];
    // sa_family_t in the machine's order; the port id and groups stay 0
    java.nio.ByteBuffer.wrap(address)
        .order(java.nio.ByteOrder.nativeOrder())
        .putShort(0, (short) AF_NETLINK);
    return address;
  }

  /** libc's calls, bound directly (no proxy or reflection per call). */
  private static final class Libc {
    static {
      Native.register(Platform.C_LIBRARY_NAME);
    }

    private Libc() {}

    static native int socket(int domain, int type, int protocol);

    static native NativeLong sendto(
        int fd, byte[] buffer, NativeLong length, int flags, byte[] address, int addressLength);

    static native NativeLong recv(int fd, byte[] buffer, NativeLong length, int flags);

    static native int close(int fd);
  }
}
