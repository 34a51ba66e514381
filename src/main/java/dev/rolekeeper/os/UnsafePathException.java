package dev.rolekeeper.os;

import java.io.IOException;

/**
 * A file or directory that rolekeeper refuses to use because another user could have put it there
 * or could change it: a symbolic link where a file of ours belongs, or a state directory that is
 * not ours alone. The message is one line that names the path, says what is wrong and how to fix
 * it.
 */
public final class UnsafePathException extends IOException {

  public UnsafePathException(String message) {
    super(message);
  }
}
