package dev.rolekeeper.os;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The lines of a {@code /proc/net} table, read in small chunks. The kernel renders such a table as
 * it is read and fills each read to the size asked (walking its socket hash to find the sockets to
 * show): so small reads let a search that stops at its match stop the kernel's walk close to it,
 * where an 8 KB read would walk on to some fifty more sockets, most of the hash when it is sparse.
 */
final class TableLines implements AutoCloseable {

  private final InputStream in;
  private final byte[] chunk;
  private final StringBuilder line = new StringBuilder(160);
  private int pos;
  private int end;

  /** Reads {@code in} {@code chunkSize} bytes at a time. */
  TableLines(InputStream in, int chunkSize) {
    this.in = in;
    this.chunk = new byte[chunkSize];
  }

  /** The next line without its newline, or null at the end. */
  String readLine() throws IOException {
    line.setLength(0);
    while (true) {
      if (pos == end) {
        end = in.read(chunk, 0, chunk.length);
        pos = 0;
        if (end <= 0) {
          end = 0;
          return line.length() > 0 ? line.toString() : null;
        }
      }
      int start = pos;
      while (pos < end && chunk[pos] != '\n') {
        pos++;
      }
      line.append(new String(chunk, start, pos - start, StandardCharsets.US_ASCII));
      if (pos < end) {
        pos++; // the newline
        return line.toString();
      }
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
