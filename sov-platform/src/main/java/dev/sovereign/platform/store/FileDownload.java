package dev.sovereign.platform.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Fetches one file into its {@code .incomplete} partial file, resuming with {@code Range} from
 * what is already there (after a cut connection, or a pull killed earlier), verifies it, and
 * only then moves it into the snapshot. A file that fails its check is deleted, never kept.
 */
final class FileDownload {

    static final int ATTEMPTS = 4;
    private static final int BUFFER = 1 << 16;
    private static final long BACKOFF_MS = 250;

    private final HubClient hub;

    FileDownload(HubClient hub) {
        this.hub = hub;
    }

    /** Downloads {@code file} to {@code target}; returns the bytes transferred. */
    long fetch(RepoListing listing, HubFile file, Path partial, Path target, PullListener listener) {
        String owner = listing.ref().repository() + "@" + listing.commit();
        long[] transferred = {0};
        RunningSha256 sha256 = new RunningSha256();
        Exception lastFailure = null;
        try {
            Files.createDirectories(partial.getParent());
            for (int attempt = 1; attempt <= ATTEMPTS && !complete(file, partial, lastFailure, attempt); attempt++) {
                long have = Files.exists(partial) ? Files.size(partial) : 0;
                if (file.size() >= 0 && have > file.size()) {
                    Files.delete(partial);
                    have = 0;
                }
                listener.fileStarted(file.path(), file.size(), have);
                try {
                    transfer(listing, file, partial, have, transferred, sha256, listener);
                    lastFailure = null;
                } catch (IOException | RuntimeException e) {
                    if (e instanceof StoreException && !(e instanceof HubUnreachableException)) {
                        throw e;
                    }
                    lastFailure = e;
                    pause(attempt);
                }
            }
            if (!complete(file, partial, lastFailure, ATTEMPTS + 1)) {
                throw new StoreException("download of " + file.path() + " of " + owner + " failed after " + ATTEMPTS
                        + " attempts (" + (lastFailure == null ? "the connection closed early" : HubClient.reason(lastFailure))
                        + "); run the pull again: it resumes where it stopped");
            }
            try {
                FileVerifier.verify(file, partial, owner, file.lfs() ? sha256.hexIfCovering(file.size()) : null);
            } catch (StoreException e) {
                Files.deleteIfExists(partial);
                throw e;
            }
            AtomicFiles.move(partial, target);
        } catch (IOException e) {
            throw new StoreException("cannot write " + partial + ": " + e.getMessage(), e);
        }
        listener.fileDone(file.path(), file.size());
        return transferred[0];
    }

    /** Done when all listed bytes are there; a file of unknown size is done when a transfer ended cleanly. */
    private static boolean complete(HubFile file, Path partial, Exception lastFailure, int attempt) throws IOException {
        if (!Files.exists(partial)) {
            return false;
        }
        if (file.size() >= 0) {
            return Files.size(partial) == file.size();
        }
        return attempt > 1 && lastFailure == null;
    }

    /** One attempt; {@code transferred[0]} counts every byte received, even of an attempt that fails midway. */
    private void transfer(RepoListing listing, HubFile file, Path partial, long have, long[] transferred,
                          RunningSha256 sha256, PullListener listener) throws IOException {
        try (HubClient.Body body = hub.file(listing.ref().repository(), listing.commit(), file.path(), have)) {
            if (body.status() == 416) {
                // The hub cannot serve from there: what we hold is not a prefix of the file.
                Files.deleteIfExists(partial);
                throw new StoreRetry("the hub refused to resume at byte " + have);
            }
            boolean resume = have > 0 && body.status() == 206;
            StandardOpenOption mode = resume ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
            if (file.lfs()) {
                sha256.alignTo(partial, resume ? have : 0);
            }
            try (InputStream in = body.stream();
                 FileChannel out = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
                byte[] buffer = new byte[BUFFER];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    out.write(ByteBuffer.wrap(buffer, 0, n));
                    if (file.lfs()) {
                        sha256.update(buffer, 0, n);
                    }
                    transferred[0] += n;
                    listener.transferred(file.path(), n);
                }
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(BACKOFF_MS * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("pull interrupted");
        }
    }

    /** A failed attempt worth another try. */
    private static final class StoreRetry extends RuntimeException {
        StoreRetry(String message) {
            super(message);
        }
    }
}
