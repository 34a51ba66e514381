package dev.rolekeeper.sts;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * TLS trust for the AWS clients: the JDK's default trust anchors plus, when given, the certificates
 * of one PEM bundle ({@code AWS_CA_BUNDLE} or a profile's {@code ca_bundle}). A server is trusted
 * when either set vouches for it; host names are checked as always.
 *
 * <p>botocore replaces its trust with the bundle; rolekeeper adds it, so a bundle that holds only a
 * TLS-inspecting proxy's CA still lets calls that bypass that proxy reach AWS.
 */
final class CaBundle {

  /** Far larger than any real bundle (the Mozilla set is about 220 KB). */
  static final long MAX_BYTES = 4L * 1024 * 1024;

  private static final Pattern PEM =
      Pattern.compile("-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", Pattern.DOTALL);

  private CaBundle() {}

  /** The JDK's default TLS socket factory: no bundle. */
  static SSLSocketFactory defaultTrust() {
    try {
      return SSLContext.getDefault().getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK's TLS set-up failed: " + e.getMessage(), e);
    }
  }

  /**
   * A socket factory trusting the JDK's anchors and every certificate in {@code bundle}.
   *
   * @throws NetworkSetupException when the file is missing, unreadable, too large or holds no valid
   *     PEM certificate (the message names the file)
   */
  static SSLSocketFactory withBundle(Path bundle) {
    List<X509Certificate> certificates = read(bundle);
    try {
      KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
      anchors.load(null, null);
      for (int i = 0; i < certificates.size(); i++) {
        anchors.setCertificateEntry("ca-bundle-" + i, certificates.get(i));
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          null,
          new TrustManager[] {new EitherTrust(trustOf(null), trustOf(anchors), bundle)},
          null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException | IOException e) {
      throw NetworkSetupException.caBundle(
          bundle + ": cannot be used as a CA bundle: " + e.getMessage());
    }
  }

  /** The certificates of a PEM file, in order. */
  static List<X509Certificate> read(Path bundle) {
    String text;
    try {
      if (!Files.isRegularFile(bundle)) {
        throw NetworkSetupException.caBundle(
            bundle + ": the CA bundle does not exist or is not a file");
      }
      if (Files.size(bundle) > MAX_BYTES) {
        throw NetworkSetupException.caBundle(
            bundle + ": the CA bundle is larger than " + MAX_BYTES / 1024 + " KiB");
      }
      text = Files.readString(bundle, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw NetworkSetupException.caBundle(
          bundle + ": the CA bundle cannot be read: " + e.getMessage());
    }
    List<X509Certificate> certificates = new ArrayList<>();
    Matcher matcher = PEM.matcher(text);
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      while (matcher.find()) {
        byte[] der = Base64.getMimeDecoder().decode(matcher.group(1).strip());
        certificates.add(
            (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
      }
    } catch (CertificateException | IllegalArgumentException e) {
      throw NetworkSetupException.caBundle(
          bundle + ": the CA bundle holds a certificate that cannot be read: " + e.getMessage());
    }
    if (certificates.isEmpty()) {
      throw NetworkSetupException.caBundle(
          bundle + ": the CA bundle holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
    }
    return certificates;
  }

  private static X509ExtendedTrustManager trustOf(KeyStore anchors)
      throws GeneralSecurityException {
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(anchors);
    return Stream.of(factory.getTrustManagers())
        .filter(X509ExtendedTrustManager.class::isInstance)
        .map(X509ExtendedTrustManager.class::cast)
        .findFirst()
        .orElseThrow(() -> new KeyStoreNotUsable("no X.509 trust manager"));
  }

  private static final class KeyStoreNotUsable extends GeneralSecurityException {
    KeyStoreNotUsable(String message) {
      super(message);
    }
  }

  /**
   * Trusts a server when the JDK's anchors or the bundle's do. Client certificates are not ours to
   * judge (these clients never ask for one), so those checks go to the JDK's anchors.
   */
  private static final class EitherTrust extends X509ExtendedTrustManager {

    private final X509ExtendedTrustManager jdk;
    private final X509ExtendedTrustManager bundle;
    private final Path file;

    EitherTrust(X509ExtendedTrustManager jdk, X509ExtendedTrustManager bundle, Path file) {
      this.jdk = jdk;
      this.bundle = bundle;
      this.file = file;
    }

    private interface Check {
      void run(X509ExtendedTrustManager trust) throws CertificateException;
    }

    private void either(Check check) throws CertificateException {
      try {
        check.run(jdk);
      } catch (CertificateException notByJdk) {
        try {
          check.run(bundle);
        } catch (CertificateException notByBundle) {
          CertificateException failure =
              new CertificateException(
                  "the server's certificate is trusted neither by the JDK's CAs nor by the CA"
                      + " bundle "
                      + file
                      + ": "
                      + notByBundle.getMessage(),
                  notByBundle);
          failure.addSuppressed(notByJdk);
          throw failure;
        }
      }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      either(trust -> trust.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      either(trust -> trust.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      either(trust -> trust.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      jdk.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      jdk.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      jdk.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      X509Certificate[] a = jdk.getAcceptedIssuers();
      X509Certificate[] b = bundle.getAcceptedIssuers();
      X509Certificate[] all = new X509Certificate[a.length + b.length];
      System.arraycopy(a, 0, all, 0, a.length);
      System.arraycopy(b, 0, all, a.length, b.length);
      return all;
    }
  }
}
