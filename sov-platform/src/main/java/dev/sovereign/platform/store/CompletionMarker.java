package dev.sovereign.platform.store;

/**
 * The proof that a snapshot is whole: {@code .preload-complete} holding {@code repo@sha}, the
 * marker the reference preload Job writes, written only after every file passed its check.
 */
final class CompletionMarker {

    private final StoreLayout layout;

    CompletionMarker(StoreLayout layout) {
        this.layout = layout;
    }

    boolean present(String repository, String commit) {
        return AtomicFiles.read(layout.marker(repository, commit)).map(text -> text.equals(content(repository, commit)))
                .orElse(false);
    }

    void write(String repository, String commit) {
        AtomicFiles.write(layout.marker(repository, commit), content(repository, commit) + "\n");
    }

    private static String content(String repository, String commit) {
        return repository + "@" + commit;
    }
}
