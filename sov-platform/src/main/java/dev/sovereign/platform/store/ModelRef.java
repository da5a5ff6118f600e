package dev.sovereign.platform.store;

import java.util.regex.Pattern;

/**
 * A hub repository at a revision (a branch, a tag or a 40-hex commit sha), checked before any
 * path or URL is built from it: the names become folders, so nothing may climb out of the store.
 */
public record ModelRef(String repository, String revision) {

    public static final String DEFAULT_REVISION = "main";
    // The hub's own rule: [org/]name of word characters, '-' and '.', with no "--" or "..".
    private static final Pattern REPOSITORY = Pattern.compile("([\\w.-]{1,96}/)?[\\w.-]{1,96}");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern REVISION = Pattern.compile("[\\w.\\-/+]{1,255}");

    public ModelRef {
        if (repository == null || !REPOSITORY.matcher(repository).matches() || repository.contains("--")
                || repository.contains("..") || repository.startsWith(".") || repository.contains("/.")) {
            throw new StoreException("repository must be a hub id such as Qwen/Qwen3-8B (or file:PATH), got '"
                    + repository + "'");
        }
        if (revision == null || revision.isBlank()) {
            revision = DEFAULT_REVISION;
        }
        if (!REVISION.matcher(revision).matches() || revision.startsWith("/") || revision.endsWith("/")
                || revision.contains("//") || (revision + "/").contains("../") || revision.startsWith(".")) {
            throw new StoreException("revision of " + repository + " must be a branch, tag or commit sha, got '"
                    + revision + "'");
        }
    }

    /** {@code REPO} or {@code REPO@REV}, as {@code sov pull} takes it. */
    public static ModelRef parse(String text) {
        int at = text.indexOf('@');
        return at < 0 ? new ModelRef(text, DEFAULT_REVISION) : new ModelRef(text.substring(0, at), text.substring(at + 1));
    }

    public static boolean isCommit(String revision) {
        return revision != null && COMMIT.matcher(revision).matches();
    }

    /** A pinned commit: its copy never changes, so a complete one needs no request at all. */
    public boolean pinned() {
        return isCommit(revision);
    }

    @Override
    public String toString() {
        return repository + "@" + revision;
    }
}
