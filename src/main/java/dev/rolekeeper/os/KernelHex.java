package dev.rolekeeper.os;

import java.nio.ByteOrder;
import java.util.Locale;

/**
 * Addresses and ports as {@code /proc/net/tcp} and {@code tcp6} write them: each 32-bit word of the
 * address printed as a native-order number in hex (so {@code 127.0.0.1} is {@code 0100007F} on a
 * little-endian machine), the port as four hex digits.
 */
final class KernelHex {

  private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
  private static final char[] DIGITS = "0123456789ABCDEF".toCharArray();

  private KernelHex() {}

  /**
   * The client end then the server end of {@code c}, one space between, as the client's socket's
   * row shows them: in {@code tcp6} form (IPv4 addresses mapped) when {@code v6}.
   */
  static String ends(TcpSockets.Connection c, boolean v6) {
    return end(c.client().getAddress(), c.clientPort(), v6)
        + ' '
        + end(c.server().getAddress(), c.serverPort(), v6);
  }

  static String port(int port) {
    return String.format(Locale.ROOT, "%04X", port);
  }

  static String end(byte[] address, int port, boolean v6) {
    return address(address, v6, LITTLE) + ':' + port(port);
  }

  static String address(byte[] address, boolean v6, boolean littleEndian) {
    byte[] bytes = address;
    if (v6 && address.length == 4) {
      bytes = new byte[16];
      bytes[10] = (byte) 0xff;
      bytes[11] = (byte) 0xff;
      System.arraycopy(address, 0, bytes, 12, 4);
    }
    StringBuilder text = new StringBuilder(bytes.length * 2);
    for (int word = 0; word < bytes.length; word += 4) {
      for (int k = 0; k < 4; k++) {
        int b = bytes[word + (littleEndian ? 3 - k : k)] & 0xff;
        text.append(DIGITS[b >> 4]).append(DIGITS[b & 0xf]);
      }
    }
    return text.toString();
  }
}
