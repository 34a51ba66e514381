package dev.rolekeeper.sts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reading an HTTP/1.1 request head off a socket, for {@link ForwardProxy}. */
final class RequestHead {

  private RequestHead() {}

  static String header(String[] lines, String name) {
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0 && lines[i].substring(0, colon).trim().equalsIgnoreCase(name)) {
        return lines[i].substring(colon + 1).trim();
      }
    }
    return null;
  }

  /** The request head up to the blank line, byte by byte so the body stays in the stream. */
  static String read(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0;
    while (state < 4) {
      int b = in.read();
      if (b < 0) {
        return null;
      }
      head.write(b);
      state =
          (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
              ? state + 1
              : (b == '\r' ? 1 : 0);
      if (head.size() > 64 * 1024) {
        throw new IOException("request head too long");
      }
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }
}
