package dev.rolekeeper.sts;

import io.vertx.core.net.PfxOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private certificate authority and a server certificate it signed for {@link #HOST} and
 * 127.0.0.1, made with the JDK's own {@code keytool} (no library needed for a CA of two
 * certificates). Made once per test JVM, in a temporary directory.
 */
public final class TestCa {

  /** The name the server certificate is for. */
  public static final String HOST = "sts.rolekeeper.test";

  private static final String PASSWORD = "test-only";
  private static TestCa made;

  private final Path caPem;
  private final Path serverStore;

  private TestCa(Path caPem, Path serverStore) {
    this.caPem = caPem;
    this.serverStore = serverStore;
  }

  /** The CA (made on first use). */
  public static synchronized TestCa get() throws IOException, InterruptedException {
    if (made == null) {
      made = make(Files.createTempDirectory("rolekeeper-test-ca"));
    }
    return made;
  }

  /** The CA's certificate, PEM: what a {@code ca_bundle} names. */
  public Path caPem() {
    return caPem;
  }

  /** The server's key and certificate chain, for a Vert.x server. */
  public PfxOptions serverKeyCert() {
    return new PfxOptions().setPath(serverStore.toString()).setPassword(PASSWORD);
  }

  private static TestCa make(Path dir) throws IOException, InterruptedException {
    Path ca = dir.resolve("ca.p12");
    Path server = dir.resolve("server.p12");
    Path caPem = dir.resolve("ca.pem");
    Path csr = dir.resolve("server.csr");
    Path serverPem = dir.resolve("server.pem");
    // The CA's and the server's keys are independent, and so are exporting the one and asking
    // the other for a certificate: each pair runs side by side (every keytool run starts a JVM).
    await(
        keytool(
            "-genkeypair",
            "-alias",
            "ca",
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-dname",
            "CN=rolekeeper test CA",
            "-ext",
            "bc:c",
            "-validity",
            "2",
            "-keystore",
            ca.toString()),
        keytool(
            "-genkeypair",
            "-alias",
            "server",
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-dname",
            "CN=" + HOST,
            "-validity",
            "2",
            "-keystore",
            server.toString()));
    await(
        keytool(
            "-exportcert",
            "-rfc",
            "-alias",
            "ca",
            "-keystore",
            ca.toString(),
            "-file",
            caPem.toString()),
        keytool(
            "-certreq",
            "-alias",
            "server",
            "-keystore",
            server.toString(),
            "-file",
            csr.toString()));
    await(
        keytool(
            "-gencert",
            "-rfc",
            "-alias",
            "ca",
            "-keystore",
            ca.toString(),
            "-infile",
            csr.toString(),
            "-outfile",
            serverPem.toString(),
            "-validity",
            "2",
            "-ext",
            "san=dns:" + HOST + ",ip:127.0.0.1"));
    await(
        keytool(
            "-importcert",
            "-noprompt",
            "-alias",
            "ca",
            "-file",
            caPem.toString(),
            "-keystore",
            server.toString()));
    await(
        keytool(
            "-importcert",
            "-alias",
            "server",
            "-file",
            serverPem.toString(),
            "-keystore",
            server.toString()));
    return new TestCa(caPem, server);
  }

  private static Process keytool(String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** Waits for every run; fails with the output of one that failed. */
  private static void await(Process... runs) throws IOException, InterruptedException {
    for (Process run : runs) {
      String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!run.waitFor(60, TimeUnit.SECONDS) || run.exitValue() != 0) {
        throw new IOException("keytool failed: " + output);
      }
    }
  }
}
