package dev.sovereign.cli;

import dev.sovereign.platform.store.FileRepository;
import dev.sovereign.platform.store.HubSettings;
import dev.sovereign.platform.store.ProgressLines;
import dev.sovereign.platform.store.PullReport;
import dev.sovereign.platform.store.StoreRoot;
import dev.sovereign.platform.store.WeightStore;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sov pull REPO[@REV]}: fetch weights into the shared store (see docs/weights.md); prints the folder on stdout. */
@Command(name = "pull", mixinStandardHelpOptions = true,
        description = "Fetch a model's weights from the hub (HF_ENDPOINT) into the shared store: verified, resumable, "
                + "a no-op when already complete. Prints the local folder.")
final class PullCommand implements Callable<Integer> {

    @Parameters(paramLabel = "REPO[@REV]", description = "Hub repository, e.g. Qwen/Qwen3-8B@main, or file:PATH.")
    String model;

    @Option(names = "--revision", paramLabel = "REV", description = "Branch, tag or commit sha (instead of @REV; default main).")
    String revision;

    @Option(names = "--config", paramLabel = "FILE", description = "Platform configuration (sov.yaml), for its dataDir.")
    Path config;

    @Spec
    CommandSpec spec;

    /** Where HF_* and SOV_DATA_DIR come from; tests give their own. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() {
        String repository = model;
        String rev = revision;
        int at = model.indexOf('@');
        if (at >= 0 && !FileRepository.isFile(model)) {
            if (revision != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give the revision once: REPO@REV or --revision");
            }
            repository = model.substring(0, at);
            rev = model.substring(at + 1);
        }
        WeightStore store = WeightStore.open(StoreRoot.of(config, environment), HubSettings.fromEnvironment(environment::get));
        ProgressLines progress = new ProgressLines(spec.commandLine().getErr());
        PullReport report = store.pull(repository, rev, Path.of("").toAbsolutePath(), progress);
        progress.finished(report);
        spec.commandLine().getOut().println(report.folder());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
