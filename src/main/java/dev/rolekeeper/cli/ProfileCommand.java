package dev.rolekeeper.cli;

import picocli.CommandLine.Parameters;

/** A {@link ClientCommand} about one served profile, named as its only argument. */
abstract class ProfileCommand extends ClientCommand {

  @Parameters(index = "0", paramLabel = "PROFILE", description = "A served profile.")
  String profile;
}
