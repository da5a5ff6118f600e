package dev.sovereign.platform.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fills one snapshot folder from a listing, a bounded number of files at a time. Files already
 * in the snapshot were verified before they were moved there, so only the missing ones are
 * fetched: an interrupted pull loses at most the unfinished part of the files in flight.
 */
final class SnapshotPull {

    /** What the pull fetched. */
    record Fetched(int files, long bytes) {
    }

    private final StoreLayout layout;
    private final FileDownload download;
    private final int parallelism;

    SnapshotPull(StoreLayout layout, FileDownload download, int parallelism) {
        this.layout = layout;
        this.download = download;
        this.parallelism = parallelism;
    }

    static List<HubFile> missing(RepoListing listing, Path snapshot) {
        List<HubFile> missing = new ArrayList<>();
        for (HubFile file : listing.files()) {
            Path target = StoreLayout.inside(snapshot, file.path());
            if (!sizeMatches(file, target)) {
                missing.add(file);
            }
        }
        return missing;
    }

    Fetched run(RepoListing listing, List<HubFile> missing, PullListener listener) {
        String repository = listing.ref().repository();
        Path snapshot = layout.snapshot(repository, listing.commit());
        Path partials = layout.partialFolder(repository, listing.commit());
        checkSpace(listing, missing, layout.repositoryFolder(repository));
        List<Future<Long>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(parallelism, Thread.ofVirtual().name("pull-", 1).factory())) {
            for (HubFile file : missing) {
                Path target = StoreLayout.inside(snapshot, file.path());
                Path partial = StoreLayout.inside(partials, file.path() + ".incomplete");
                results.add(pool.submit(() -> download.fetch(listing, file, partial, target, listener)));
            }
            long bytes = 0;
            StoreException first = null;
            for (Future<Long> result : results) {
                try {
                    bytes += result.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof StoreException store ? store
                                : new StoreException("pull of " + listing.ref() + " failed: " + HubClient.reason(e), e);
                    }
                } catch (InterruptedException e) {
                    pool.shutdownNow();
                    Thread.currentThread().interrupt();
                    throw new StoreException("pull of " + listing.ref() + " interrupted");
                }
            }
            if (first != null) {
                throw first;
            }
            return new Fetched(missing.size(), bytes);
        }
    }

    /** Refuses at once, rather than after hours, a pull the disk cannot hold (partial files already there count as held). */
    private static void checkSpace(RepoListing listing, List<HubFile> missing, Path folder) {
        long needed = missing.stream().mapToLong(f -> Math.max(0, f.size())).sum();
        try {
            Files.createDirectories(folder);
            long free = Files.getFileStore(folder).getUsableSpace();
            if (needed > free) {
                throw new StoreException(listing.ref() + " needs " + ProgressLines.size(needed) + " but " + folder
                        + " has " + ProgressLines.size(free) + " free: free some space or set SOV_DATA_DIR (or dataDir) "
                        + "to a larger disk");
            }
        } catch (IOException e) {
            throw new StoreException("cannot use the store folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /** Drops the emptied folders of partial files once the snapshot is complete. */
    static void removeEmptyFolders(Path partials) {
        if (!Files.isDirectory(partials)) {
            return;
        }
        try (var paths = Files.walk(partials)) {
            paths.sorted(java.util.Comparator.reverseOrder()).filter(Files::isDirectory).forEach(folder -> {
                try {
                    Files.delete(folder);
                } catch (IOException e) {
                    // Not empty (a file we did not write): leave it.
                }
            });
        } catch (IOException e) {
            // Tidying only: a leftover empty folder harms nothing.
        }
    }

    private static boolean sizeMatches(HubFile file, Path target) {
        try {
            return Files.isRegularFile(target) && (file.size() < 0 || Files.size(target) == file.size());
        } catch (IOException e) {
            return false;
        }
    }
}
