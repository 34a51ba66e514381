package dev.rolekeeper.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** {@link ImdsChoice#of}: off unless turned on, and never a profile picked among several. */
class ImdsChoiceTest {

  @Test
  void of_notEnabled_isOffWhateverIsNamedOrServed() {
    assertThat(ImdsChoice.of(false, Optional.of("a"), List.of("a"))).isEqualTo(ImdsChoice.off());
    assertThat(ImdsChoice.of(false, Optional.empty(), List.of("a"))).isEqualTo(ImdsChoice.off());
    assertThat(ImdsChoice.off().enabled()).isFalse();
    assertThat(ImdsChoice.off().profile()).isNull();
  }

  @Test
  void of_enabledWithOneServedAndNoneNamed_servesThatOne() {
    ImdsChoice choice = ImdsChoice.of(true, Optional.empty(), List.of("dev"));

    assertThat(choice).isEqualTo(ImdsChoice.serve("dev"));
    assertThat(choice.enabled()).isTrue();
    assertThat(choice.profile()).isEqualTo("dev");
  }

  @Test
  void of_enabledWithSeveralServedAndNoneNamed_servesNoneAndNamesTheChoices() {
    ImdsChoice choice = ImdsChoice.of(true, Optional.empty(), List.of("a", "b", "c"));

    assertThat(choice.enabled()).isTrue();
    assertThat(choice.profile()).isNull();
    assertThat(((ImdsChoice.NoRole) choice).reason())
        .contains("3 profiles are served")
        .endsWith("set imds.profile to one of: a, b, c");
  }

  @Test
  void of_enabledWithANamedServedProfile_servesItAmongSeveral() {
    assertThat(ImdsChoice.of(true, Optional.of("b"), List.of("a", "b", "c")))
        .isEqualTo(ImdsChoice.serve("b"));
  }

  @Test
  void of_enabledWithANamedProfileNotServed_servesNoneAndSaysWhichWouldDo() {
    ImdsChoice choice = ImdsChoice.of(true, Optional.of("prdo"), List.of("prod", "dev"));

    assertThat(choice.profile()).isNull();
    assertThat(((ImdsChoice.NoRole) choice).reason())
        .isEqualTo(
            "imds.profile 'prdo' is not a served profile; set imds.profile to one of: prod, dev");
  }

  @Test
  void of_enabledWithNothingServed_servesNoneAndSaysSo() {
    ImdsChoice choice = ImdsChoice.of(true, Optional.empty(), List.of());

    assertThat(((ImdsChoice.NoRole) choice).reason()).startsWith("no profile is served");
  }

  @Test
  void of_enabledWithManyServed_listsTheFirstTenAndCountsTheRest() {
    List<String> served = IntStream.range(0, 10_000).mapToObj(i -> "p" + i).toList();

    String reason = ((ImdsChoice.NoRole) ImdsChoice.of(true, Optional.empty(), served)).reason();

    assertThat(reason)
        .endsWith("one of: p0, p1, p2, p3, p4, p5, p6, p7, p8, p9 (and 9990 more)")
        .hasSizeLessThan(300);
  }
}
