package dev.sovereign.platform.store;

import java.nio.file.Path;

/**
 * What a pull did.
 *
 * @param ref             what was asked for
 * @param commit          the commit sha it resolved to (null for a {@code file:} repository)
 * @param folder          the local model folder
 * @param source          where the folder came from this time
 * @param filesTotal      files of the snapshot
 * @param bytesTotal      their bytes
 * @param filesDownloaded files fetched by this pull
 * @param bytesDownloaded bytes transferred by this pull (less than the files' size after a resume)
 */
public record PullReport(String ref, String commit, Path folder, Source source, int filesTotal, long bytesTotal,
                         int filesDownloaded, long bytesDownloaded) {

    public enum Source {
        /** Files were fetched from the hub. */
        DOWNLOADED,
        /** The store already held the complete snapshot: nothing was fetched. */
        ALREADY_COMPLETE,
        /** A {@code file:} folder, used in place. */
        LOCAL_FOLDER
    }

    public boolean noop() {
        return source != Source.DOWNLOADED;
    }
}
