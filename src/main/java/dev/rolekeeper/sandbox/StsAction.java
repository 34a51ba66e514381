package dev.rolekeeper.sandbox;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** One STS Query API action ({@code Action=…}), run on the event loop: it must not block. */
interface StsAction {

  /** The {@code Action} parameter value this handles. */
  String name();

  Result handle(Call call, String requestId);

  /**
   * One authenticated STS request, as an action sees it.
   *
   * @param caller who signed it
   * @param params the decoded form parameters (first value of each)
   * @param now the simulator's clock when the request was authenticated
   */
  record Call(Principal caller, Map<String, String> params, Instant now) {

    public Call {
      params = Map.copyOf(params);
    }

    Optional<String> param(String name) {
      return Optional.ofNullable(params.get(name));
    }

    int intParam(String name, int defaultValue) {
      return param(name)
          .map(v -> ParameterRules.parse(v).orElse(defaultValue))
          .orElse(defaultValue);
    }
  }

  /** What an action produced: the XML answer, or an STS error. */
  sealed interface Result {

    /** A 200 answer with {@code xml} as the body. */
    record Ok(String xml) implements Result {}

    /** An error answer. */
    record Failed(StsError error) implements Result {}
  }
}
