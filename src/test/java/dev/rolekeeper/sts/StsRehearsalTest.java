package dev.rolekeeper.sts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StsRehearsalTest {

  @Test
  void run_cannedAnswer_goesThroughTheSdkAndIsIssued() {
    StsOutcome outcome = StsRehearsal.run("eu-west-1");

    assertThat(outcome).isInstanceOf(StsOutcome.Issued.class);
    StsOutcome.Issued issued = (StsOutcome.Issued) outcome;
    assertThat(issued.credentials().accessKeyId()).isEqualTo("ASIAREHEARSAL");
    assertThat(issued.credentials().expiration()).isEqualTo(Instant.parse("2000-01-01T00:00:00Z"));
    assertThat(issued.credentials().accountId()).isEqualTo("000000000000");
    assertThat(issued.principalArn())
        .isEqualTo("arn:aws:sts::000000000000:assumed-role/rehearsal/rehearsal");
  }
}
