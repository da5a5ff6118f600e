package dev.sovereign.cli;

import dev.sovereign.spec.validation.Loaded;
import dev.sovereign.spec.inference.FileRepositoryCheck;
import dev.sovereign.spec.inference.InferenceService;
import dev.sovereign.spec.inference.InferenceServiceFiles;
import dev.sovereign.spec.inference.InferenceServiceSpec;
import dev.sovereign.spec.validation.Problem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sov validate FILE|DIR...}: one summary line per valid document on stdout; every
 * problem of an invalid one as {@code file:line: field.path: message} on stderr; exit 1 if
 * anything was invalid. A {@code file:} repository is looked for on this machine
 * ({@link FileRepositoryCheck}); a warning goes to stderr and keeps the exit code 0.
 */
@Command(name = "validate", description = "Check InferenceService files (and that their file: folders exist here); "
        + "errors name file, line and field.")
final class ValidateCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Files or folders of InferenceService YAML.")
    List<Path> paths;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Loaded<InferenceService>> documents = InferenceServiceFiles.load(paths);
        boolean allValid = true;
        for (Loaded<InferenceService> document : documents) {
            Optional<FileRepositoryCheck.Finding> folder = FileRepositoryCheck.check(document);
            folder.ifPresent(err::println);
            if (folder.isPresent() && !folder.get().warning()) {
                allValid = false;
            } else if (document.valid()) {
                out.println(document.file() + documentLabel(document, documents) + ": valid: " + summary(document.value()));
            } else {
                allValid = false;
                document.problems().stream().map(Problem::toString).forEach(err::println);
            }
        }
        if (documents.isEmpty()) {
            err.println("sov validate: no InferenceService files found in " + paths);
            allValid = false;
        }
        out.flush();
        err.flush();
        return allValid ? 0 : 1;
    }

    private static String documentLabel(Loaded<InferenceService> document, List<Loaded<InferenceService>> all) {
        long inSameFile = all.stream().filter(d -> d.file().equals(document.file())).count();
        return inSameFile > 1 ? " (document " + (document.index() + 1) + ")" : "";
    }

    static String summary(InferenceService service) {
        InferenceServiceSpec spec = service.spec();
        String engine = spec.declaredEngine().map(InferenceServiceSpec.Engine::kind).orElse("default");
        return "InferenceService " + service.name() + " (" + spec.model().repository() + "@" + spec.model().revision()
                + ", " + spec.model().quantization() + ", context " + spec.model().contextWindow()
                + ", replicas " + spec.scaling().minReplicas() + ".." + spec.scaling().maxReplicas()
                + ", engine " + engine + ")";
    }
}
