package dev.rolekeeper.doctor;

import dev.rolekeeper.os.PrivateDirectory;
import dev.rolekeeper.os.UnixUsers;
import dev.rolekeeper.os.UnsafePathException;
import dev.rolekeeper.paths.UserPaths.AwsFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Who else can read the secrets: the state directory must be a directory of yours (not a link, not
 * another user's, as the daemon requires) and 0700, its token files and the AWS credentials file
 * 0600; the AWS config file must not be writable by others (a {@code credential_process} line there
 * runs as you).
 */
final class PermissionsCheck implements Check {

  private static final Set<PosixFilePermission> OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);
  private static final Set<PosixFilePermission> OTHERS_WRITE =
      EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

  private record Wrong(Path path, String mode, String want) {}

  @Override
  public String name() {
    return "permissions";
  }

  @Override
  public CheckResult run(DoctorContext context) {
    List<Wrong> wrong = new ArrayList<>();
    Path state = context.stateDir();
    Optional<CheckResult> notOurs = notOurs(state);
    if (notOurs.isPresent()) {
      return notOurs.get();
    }
    check(state, OTHERS, "700", wrong);
    for (Path token : tokenFiles(state)) {
      check(token, OTHERS, "600", wrong);
    }
    AwsFiles aws = context.paths().awsFiles();
    check(aws.credentialsFile(), OTHERS, "600", wrong);
    check(aws.configFile(), OTHERS_WRITE, "600", wrong);
    if (wrong.isEmpty()) {
      return new CheckResult.Passed("state directory, tokens and AWS files are private");
    }
    Wrong first = wrong.get(0);
    String summary =
        first.path()
            + " is "
            + first.mode()
            + ": others can read or change it"
            + (wrong.size() > 1 ? " (and " + (wrong.size() - 1) + " more)" : "");
    StringBuilder fix = new StringBuilder();
    for (Wrong w : wrong) {
      fix.append(fix.length() == 0 ? "" : " && ")
          .append("chmod ")
          .append(w.want())
          .append(' ')
          .append(quote(w.path().toString()));
    }
    return new CheckResult.NeedsFix(summary, fix.toString());
  }

  /**
   * A state directory the daemon refuses and no chmod can fix: a link, something else than a
   * directory, or another user's. (One that others may write to gets its chmod below.)
   */
  private static Optional<CheckResult> notOurs(Path state) {
    try {
      PrivateDirectory.verify(state);
      return Optional.empty();
    } catch (UnsafePathException e) {
      String dir = quote(state.toString());
      if (Files.isSymbolicLink(state)) {
        return Optional.of(
            new CheckResult.NeedsFix(e.getMessage(), "rm " + dir + " && mkdir -m 700 " + dir));
      }
      if (!Files.isDirectory(state, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.of(
            new CheckResult.NeedsFix(
                e.getMessage(), "mv " + dir + " " + dir + ".old && mkdir -m 700 " + dir));
      }
      if (!ownedBySelf(state)) {
        return Optional.of(
            new CheckResult.NeedsFix(
                e.getMessage(),
                "mkdir -m 700 DIR of your own and name it in the settings: stateDir: DIR"));
      }
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static boolean ownedBySelf(Path path) {
    try {
      return Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS)
          .equals(UnixUsers.ownUid());
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }

  private static void check(
      Path path, Set<PosixFilePermission> forbidden, String want, List<Wrong> wrong) {
    try {
      if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.exists(path)) {
        return;
      }
      Set<PosixFilePermission> mode = Files.getPosixFilePermissions(path);
      if (mode.stream().anyMatch(forbidden::contains)) {
        wrong.add(new Wrong(path, PosixFilePermissions.toString(mode), want));
      }
    } catch (IOException | UnsupportedOperationException e) {
      // unreadable attributes: nothing to say about them here
    }
  }

  private static List<Path> tokenFiles(Path state) {
    if (!Files.isDirectory(state)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(state, 2)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".token"))
          .filter(Files::isRegularFile)
          .toList();
    } catch (IOException | java.io.UncheckedIOException e) {
      return List.of();
    }
  }

  private static String quote(String path) {
    return path.matches("[A-Za-z0-9_./~+-]+") ? path : "'" + path.replace("'", "'\\''") + "'";
  }
}
