package dev.sovereign.platform.store;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The shared store of model weights: pulls a hub repository at a revision once, verified, into
 * {@code <data folder>/models}, and hands out the local folder. Safe to call from several threads
 * and processes at once (one writer per repository, the others wait and then find it complete).
 *
 * <p>Network use: {@link #local} never makes a request; {@link #ensure} makes none when a
 * complete copy is there (a branch then serves the commit it last resolved to); {@link #pull}
 * of a pinned commit sha makes none when complete, and of a branch or tag asks the hub once
 * for the listing, so a moved branch is fetched, but downloads no file it already has.
 */
public final class WeightStore {

    private final StoreLayout layout;
    private final HubSettings hub;
    private final CompletionMarker marker;
    private final HubClient client;

    private WeightStore(StoreLayout layout, HubSettings hub) {
        this.layout = layout;
        this.hub = hub;
        this.marker = new CompletionMarker(layout);
        this.client = new HubClient(hub);
    }

    /** {@code storeRoot} is {@code dataFolder.resolve("models")}; nothing is created until a pull writes. */
    public static WeightStore open(Path storeRoot, HubSettings hub) {
        return new WeightStore(new StoreLayout(storeRoot), hub);
    }

    public StoreLayout layout() {
        return layout;
    }

    /** The local model folder, pulled first when the store lacks it. */
    public Path ensure(String repository, String revision, Path baseDir) {
        return local(repository, revision, baseDir)
                .orElseGet(() -> pull(repository, revision, baseDir, PullListener.NONE).folder());
    }

    /** A complete local copy (or the {@code file:} folder), without any request. */
    public Optional<Path> local(String repository, String revision, Path baseDir) {
        if (FileRepository.isFile(repository)) {
            Path folder = FileRepository.locate(repository, baseDir);
            return FileRepository.usable(folder) ? Optional.of(folder) : Optional.empty();
        }
        ModelRef ref = new ModelRef(repository, revision);
        return knownCommit(ref).filter(commit -> marker.present(ref.repository(), commit))
                .map(commit -> layout.snapshot(ref.repository(), commit));
    }

    /** Fetches what is missing of {@code repository@revision}; a no-op when the store holds it complete. */
    public PullReport pull(String repository, String revision, Path baseDir, PullListener listener) {
        if (FileRepository.isFile(repository)) {
            Path folder = FileRepository.resolve(repository, baseDir);
            return new PullReport(repository, null, folder, PullReport.Source.LOCAL_FOLDER, 0, 0, 0, 0);
        }
        ModelRef ref = new ModelRef(repository, revision);
        if (ref.pinned() && marker.present(ref.repository(), ref.revision())) {
            return complete(ref, ref.revision());
        }
        if (hub.offline()) {
            return fromLocalCopy(ref, "the hub is off (HF_HUB_OFFLINE is set)", listener);
        }
        RepoListing listing;
        try {
            listing = client.listing(ref);
        } catch (HubUnreachableException e) {
            return fromLocalCopy(ref, e.getMessage(), listener);
        }
        return fetch(listing, listener);
    }

    private PullReport fetch(RepoListing listing, PullListener listener) {
        ModelRef ref = listing.ref();
        String commit = listing.commit();
        Path lockFile = layout.lockFile(ref.repository());
        try (StoreLock lock = StoreLock.acquire(lockFile, () -> listener.note("waiting for another pull of "
                + ref.repository() + " to finish (" + lockFile + ")"))) {
            // Another thread or process may have completed it while this one waited for the lock.
            if (!marker.present(ref.repository(), commit)) {
                Path snapshot = layout.snapshot(ref.repository(), commit);
                List<HubFile> missing = SnapshotPull.missing(listing, snapshot);
                listener.listed(ref, commit, listing.files().size(), listing.totalBytes(), missing.size());
                SnapshotPull.Fetched fetched = new SnapshotPull(layout, new FileDownload(client), hub.parallelism())
                        .run(listing, missing, listener);
                marker.write(ref.repository(), commit);
                rememberRef(ref, commit);
                SnapshotPull.removeEmptyFolders(layout.partialFolder(ref.repository(), commit));
                return new PullReport(ref.toString(), commit, snapshot, PullReport.Source.DOWNLOADED,
                        listing.files().size(), listing.totalBytes(), fetched.files(), fetched.bytes());
            }
            listener.listed(ref, commit, listing.files().size(), listing.totalBytes(), 0);
            rememberRef(ref, commit);
            return new PullReport(ref.toString(), commit, layout.snapshot(ref.repository(), commit),
                    PullReport.Source.ALREADY_COMPLETE, listing.files().size(), listing.totalBytes(), 0, 0);
        }
    }

    private PullReport fromLocalCopy(ModelRef ref, String why, PullListener listener) {
        Optional<String> commit = knownCommit(ref).filter(c -> marker.present(ref.repository(), c));
        if (commit.isEmpty()) {
            throw new StoreException(ref + " is not in the store (" + layout.repositoryFolder(ref.repository())
                    + ") and " + why + ": run 'sov pull " + ref + "' on a machine with access and copy the store "
                    + "folder here, or copy the model folder and declare it as repository: file:PATH");
        }
        listener.note(why + "; using the local copy of " + ref + " (commit " + commit.get() + ")");
        return complete(ref, commit.get());
    }

    private PullReport complete(ModelRef ref, String commit) {
        return new PullReport(ref.toString(), commit, layout.snapshot(ref.repository(), commit),
                PullReport.Source.ALREADY_COMPLETE, 0, 0, 0, 0);
    }

    private Optional<String> knownCommit(ModelRef ref) {
        if (ref.pinned()) {
            return Optional.of(ref.revision());
        }
        return AtomicFiles.read(layout.refFile(ref)).filter(ModelRef::isCommit);
    }

    private void rememberRef(ModelRef ref, String commit) {
        if (!ref.pinned()) {
            AtomicFiles.write(layout.refFile(ref), commit + "\n");
        }
    }
}
