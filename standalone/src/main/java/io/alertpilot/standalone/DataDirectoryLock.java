package io.alertpilot.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a standalone data directory (the file {@code .lock} in it, an operating-system lock that
 * ends with the process, even after {@code kill -9}): one standalone per directory. {@link #acquire} creates the
 * directory when missing and fails with {@link DataDirectoryInUseException} while another holder has it.
 */
final class DataDirectoryLock implements AutoCloseable {

    private final Path directory;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectoryLock(Path directory, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirectoryLock acquire(Path directory) {
        FileChannel channel = null;
        try {
            Files.createDirectories(directory);
            channel = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                channel.close();
                throw new DataDirectoryInUseException(directory);
            }
            return new DataDirectoryLock(directory, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot use " + directory + " as the data directory (" + e.getMessage()
                    + "): choose another with --data-dir=<path>", e);
        }
    }

    /** The locked directory (absolute). */
    Path directory() {
        return directory;
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock on " + directory, e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing: the first error is reported
            }
        }
    }

    /** Another standalone (process) holds the lock on the data directory. */
    static final class DataDirectoryInUseException extends IllegalStateException {

        DataDirectoryInUseException(Path directory) {
            super("the data directory " + directory + " is in use by another AlertPilot standalone: stop that one, "
                    + "or start this one with --data-dir=<another directory>");
        }
    }
}
