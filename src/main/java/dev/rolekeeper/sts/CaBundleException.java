package dev.rolekeeper.sts;

/** A CA bundle that cannot be used; the message names the file and what is wrong with it. */
public final class CaBundleException extends RuntimeException {

  CaBundleException(String message) {
    super(message);
  }
}
