package dev.rolekeeper.sandbox;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One authenticated STS request, as an action sees it.
 *
 * @param caller who signed it
 * @param params the decoded form parameters (first value of each)
 * @param now the simulator's clock when the request was authenticated
 */
record StsCall(Principal caller, Map<String, String> params, Instant now) {

  StsCall {
    params = Map.copyOf(params);
  }

  Optional<String> param(String name) {
    return Optional.ofNullable(params.get(name));
  }

  int intParam(String name, int defaultValue) {
    return param(name).map(v -> ParameterRules.parse(v).orElse(defaultValue)).orElse(defaultValue);
  }
}
