package dev.rolekeeper.sandbox;

/** What an STS action produced: the XML answer, or an STS error. */
sealed interface ActionResult {

  /** A 200 answer with {@code xml} as the body. */
  record Ok(String xml) implements ActionResult {}

  /** An error answer. */
  record Failed(StsError error) implements ActionResult {}
}
