package dev.rolekeeper.sandbox;

/** One STS Query API action ({@code Action=…}), run on the event loop: it must not block. */
interface StsAction {

  /** The {@code Action} parameter value this handles. */
  String name();

  ActionResult handle(StsCall call, String requestId);
}
