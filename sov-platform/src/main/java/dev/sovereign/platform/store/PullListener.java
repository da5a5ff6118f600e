package dev.sovereign.platform.store;

/** What a pull tells as it goes (for {@code sov pull}'s progress lines); calls may come from several download threads. */
public interface PullListener {

    PullListener NONE = new PullListener() {
    };

    /** The hub listed the files of {@code ref}, resolved to {@code commit}; {@code missing} of them will be fetched. */
    default void listed(ModelRef ref, String commit, int files, long bytes, int missing) {
    }

    /** A file download starts, at byte {@code resumeFrom} when an earlier attempt left part of it. */
    default void fileStarted(String path, long size, long resumeFrom) {
    }

    /** {@code bytes} more bytes of {@code path} arrived. */
    default void transferred(String path, long bytes) {
    }

    /** {@code path} is complete and verified. */
    default void fileDone(String path, long size) {
    }

    /** Something the user should know that does not stop the pull (e.g. the hub is unreachable, a local copy serves). */
    default void note(String message) {
    }
}
