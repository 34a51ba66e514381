package dev.rolekeeper.os;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one way the daemon reads input a user (or a user's program) controls: the AWS files, the
 * settings file, the SSO token cache, a program's output. Each read has an upper bound, checked
 * before reading (the file's size) and while reading (a file may grow between the two, and a pipe
 * or {@code /dev/zero} has no size), so a huge input is refused with an error naming it and never
 * reaches the heap. The daemon's heap is small (see {@code service.JvmFlags}): a file read whole
 * can otherwise end it with an {@link OutOfMemoryError}.
 */
public final class BoundedFiles {

  /**
   * The AWS config and credentials files and the settings file. Real ones are a few KiB; a config
   * generated for every role of a large organisation some hundreds. Parsed, a file takes some 30
   * times its size in heap at its peak (a 1 MiB config of 10,000 profiles needs about 30 MB), so a
   * larger limit would not fit the daemon's 64 MB.
   */
  public static final int CONFIG_FILE_LIMIT = 1 << 20;

  /**
   * SSO token cache files and what {@code credential_process} or {@code mfa_process} print, each
   * under 2 KiB in practice; up to a dozen programs may run at once, each with two streams.
   */
  public static final int SMALL_INPUT_LIMIT = 256 << 10;

  private static final int CHUNK = 8192;

  private BoundedFiles() {}

  /**
   * The bytes of {@code file} (following links, as the SDKs do).
   *
   * @throws InputTooLargeException when it holds more than {@code limit} bytes
   * @throws java.nio.file.NoSuchFileException when it does not exist
   */
  public static byte[] read(Path file, int limit) throws IOException {
    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
      return read(channel, file, limit);
    }
  }

  /**
   * The bytes of {@code file}, already open as {@code channel} (opened however the caller must,
   * e.g. without following links: {@link NoFollow#read}).
   *
   * @throws InputTooLargeException when it holds more than {@code limit} bytes
   */
  static byte[] read(SeekableByteChannel channel, Path file, int limit) throws IOException {
    if (channel.size() > limit) {
      throw new InputTooLargeException(file.toString(), limit);
    }
    ByteArrayOutputStream kept = new ByteArrayOutputStream((int) channel.size());
    ByteBuffer buffer = ByteBuffer.allocate(CHUNK);
    for (int n = channel.read(buffer); n >= 0; n = channel.read(buffer)) {
      if (kept.size() + n > limit) {
        throw new InputTooLargeException(file.toString(), limit);
      }
      kept.write(buffer.array(), 0, n);
      buffer.clear();
    }
    return kept.toByteArray();
  }

  /** {@link #read} as UTF-8 text; bytes that are not UTF-8 are replaced. */
  public static String readString(Path file, int limit) throws IOException {
    return new String(read(file, limit), StandardCharsets.UTF_8);
  }

  /**
   * A small JSON object file (a token cache entry), read within {@link #SMALL_INPUT_LIMIT}; empty
   * when there is no such file.
   *
   * @throws IOException when it cannot be read, is too large, or is not a JSON object ("FILE is not
   *     JSON": its content is never quoted, it may hold tokens)
   */
  public static Optional<JsonObject> readJsonObject(Path file) throws IOException {
    try {
      return Optional.of(new JsonObject(readString(file, SMALL_INPUT_LIMIT)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (DecodeException e) {
      throw new IOException(file + " is not JSON");
    }
  }

  /**
   * What a stream gave, at most {@code limit} bytes of it.
   *
   * @param kept the first bytes, at most the limit
   * @param overflowed whether the stream had more than that
   */
  public record Drained(byte[] kept, boolean overflowed) {

    /** The kept bytes as UTF-8 text. */
    public String text() {
      return new String(kept, StandardCharsets.UTF_8);
    }
  }

  /**
   * Reads {@code in} to its end, keeping the first {@code limit} bytes and discarding the rest (so
   * a child process writing to a pipe never stalls on it). A read that fails (the pipe closed under
   * us) ends the stream with what was read.
   */
  public static Drained drain(InputStream in, int limit) {
    ByteArrayOutputStream kept = new ByteArrayOutputStream();
    boolean overflowed = false;
    byte[] buffer = new byte[CHUNK];
    try (in) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        int room = limit - kept.size();
        if (n > room) {
          overflowed = true;
        }
        kept.write(buffer, 0, Math.min(n, Math.max(room, 0)));
      }
    } catch (IOException e) {
      // The pipe closes under us when the process is killed: keep what was read.
    }
    return new Drained(kept.toByteArray(), overflowed);
  }

  /** A limit as people read it: {@code 4 MiB}, {@code 512 KiB}, {@code 100 bytes}. */
  public static String describe(long limit) {
    if (limit >= 1 << 20 && limit % (1 << 20) == 0) {
      return (limit >> 20) + " MiB";
    }
    if (limit >= 1 << 10 && limit % (1 << 10) == 0) {
      return (limit >> 10) + " KiB";
    }
    return limit + " bytes";
  }

  /** An input above its limit; the message names it and the limit, and quotes none of it. */
  public static final class InputTooLargeException extends IOException {

    private final long limit;

    /**
     * @param what the file (or program) the input came from
     * @param limit the most that is read
     */
    public InputTooLargeException(String what, long limit) {
      super(what + " is larger than " + describe(limit) + ", the most rolekeeper reads of it");
      this.limit = limit;
    }

    /** The limit it exceeded, in bytes. */
    public long limit() {
      return limit;
    }
  }
}
