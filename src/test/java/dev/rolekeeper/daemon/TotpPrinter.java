package dev.rolekeeper.daemon;

import dev.rolekeeper.sandbox.Totp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A stand-in for {@code ykman oath accounts code --single}: prints the current TOTP code of the
 * base32 secret stored in the file named by its argument. The {@code mfa_process} tests run it as a
 * child JVM.
 */
public final class TotpPrinter {

  private TotpPrinter() {}

  public static void main(String[] args) throws IOException {
    String secret = Files.readString(Path.of(args[0])).strip();
    System.out.println("carol-aws  " + Totp.generate(secret, Instant.now()));
  }
}
