package dev.rolekeeper.credfile;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A secret-free line of {@code rolekeeper status} for one sync target.
 *
 * @param target the profile and section
 * @param file the credentials file the section lives in
 * @param lastWritten when the section was last written, or {@code null} if never since the daemon
 *     started
 * @param lastError the reason of the last refused or failed write, or {@code null} if the last
 *     attempt succeeded
 */
public record SyncStatus(SyncTarget target, Path file, Instant lastWritten, String lastError) {}
