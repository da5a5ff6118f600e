package dev.sovereign.spec.inference;

import dev.sovereign.spec.validation.Loaded;
import dev.sovereign.spec.validation.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether the {@code file:} folder of a valid InferenceService is on this machine. Only
 * {@code sov validate} asks: a file rendered for a cluster or served later may name a folder that
 * is not here yet, so the schema itself cannot require it.
 * <p>
 * A missing absolute path is an error. A missing relative path is a warning: it names a place next to
 * the declaration (weights copied or fetched there later), and {@code sov serve} starts the model once it appears.
 */
public final class FileRepositoryCheck {

    static final String FIELD = "spec.model.repository";

    /** One finding; a warning does not make the document invalid. */
    public record Finding(Problem problem, boolean warning) {

        @Override
        public String toString() {
            return warning ? withMessage("warning: " + problem.message()) : problem.toString();
        }

        private String withMessage(String message) {
            return new Problem(problem.file(), problem.line(), problem.path(), message).toString();
        }
    }

    private FileRepositoryCheck() {
    }

    public static Optional<Finding> check(Loaded<InferenceService> document) {
        if (!document.valid() || !FileRepositoryPath.isFile(document.value().spec().model().repository())) {
            return Optional.empty();
        }
        String repository = document.value().spec().model().repository();
        Path declaredIn = Path.of(document.file()).toAbsolutePath().getParent();
        int line = document.lineOf().applyAsInt(FIELD);
        Path located;
        try {
            located = FileRepositoryPath.locate(repository, declaredIn);
        } catch (IllegalArgumentException e) {
            return Optional.of(new Finding(new Problem(document.file(), line, FIELD, e.getMessage()), false));
        }
        boolean relative = !Path.of(FileRepositoryPath.written(repository)).isAbsolute();
        return FileRepositoryPath.unusable(repository, located).map(message -> relative && !Files.exists(located)
                ? new Finding(new Problem(document.file(), line, FIELD, message
                        + " yet (relative to this file's folder; sov serve starts the model once it appears)"), true)
                : new Finding(new Problem(document.file(), line, FIELD, message), false));
    }
}
