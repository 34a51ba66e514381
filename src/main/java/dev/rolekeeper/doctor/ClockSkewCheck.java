package dev.rolekeeper.doctor;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * This machine's clock against the {@code Date} header of the STS endpoint the daemon uses: SigV4
 * signatures more than 15 minutes off are refused, so a skew of more than a few minutes is reported
 * before it gets there.
 */
final class ClockSkewCheck implements Check {

  static final Duration TOLERATED = Duration.ofMinutes(5);

  private final Clock clock;

  /** Compares {@code clock} (the system clock in {@link Doctor#standard()}) with STS's. */
  ClockSkewCheck(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String name() {
    return "clock";
  }

  @Override
  public CheckResult run(DoctorContext context) {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(context.timeout())
            .build();
    HttpResponse<Void> response;
    try {
      response =
          client.send(
              HttpRequest.newBuilder(context.sts()).timeout(context.timeout()).GET().build(),
              HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      return new CheckResult.NeedsFix(
          "STS at "
              + context.sts()
              + " did not answer ("
              + e.getClass().getSimpleName()
              + "): no sessions can be fetched",
          "check the network, the proxy settings and sts.endpoint");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new CheckResult.Note("interrupted while asking STS for the time");
    }
    Instant now = clock.instant();
    Optional<Instant> date = response.headers().firstValue("Date").flatMap(ClockSkewCheck::parse);
    if (date.isEmpty()) {
      return new CheckResult.Note(
          "STS at " + context.sts() + " sent no Date header; the clock was not compared");
    }
    Duration skew = Duration.between(date.get(), now);
    String off =
        Math.abs(skew.toSeconds()) + " s " + (skew.isNegative() ? "behind" : "ahead of") + " STS";
    if (skew.abs().compareTo(TOLERATED) > 0) {
      return new CheckResult.NeedsFix(
          "this clock is "
              + off
              + " ("
              + context.sts()
              + "); STS refuses signatures "
              + "more than 15 minutes off",
          "timedatectl set-ntp true (or set the clock right)");
    }
    return new CheckResult.Passed(
        "within " + Math.abs(skew.toSeconds()) + " s of STS (" + context.sts() + ")");
  }

  private static Optional<Instant> parse(String header) {
    try {
      return Optional.of(
          ZonedDateTime.parse(header, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
