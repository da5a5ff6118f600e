package dev.sovereign.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sovereign.router.Decision;
import dev.sovereign.router.DecisionJson;
import dev.sovereign.router.RouteRequest;
import dev.sovereign.router.RouterLocations;
import dev.sovereign.router.SemanticRouter;
import dev.sovereign.router.bench.RouterBenchmark;
import dev.sovereign.router.encoder.EncoderModels;
import dev.sovereign.router.train.Datasets;
import dev.sovereign.router.train.HeadTraining;
import dev.sovereign.router.train.RouterEvaluation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sov route}: the semantic router's decision for a prompt or a JSONL batch; train, eval, bench. */
@Command(name = "route", mixinStandardHelpOptions = true, description = "Show the semantic router's decision for a prompt (JSON), or for a JSONL batch.",
        subcommands = {RouteCommand.Train.class, RouteCommand.Eval.class, RouteCommand.Bench.class})
final class RouteCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Router configuration (default: the bundled one).")
    Path config;

    @Option(names = "--json", description = "Print the decision as one JSON object.")
    boolean json;

    @Option(names = "--batch", paramLabel = "FILE", description = "JSONL file of {\"prompt\": ...} or {\"messages\": [...]} lines; one decision per line.")
    Path batch;

    @Parameters(arity = "0..1", paramLabel = "PROMPT", description = "The prompt ('-' reads it from stdin).")
    String prompt;

    @Override
    public Integer call() throws IOException {
        if ((prompt == null) == (batch == null)) {
            throw new ParameterException(spec.commandLine(), "give a PROMPT or --batch FILE (one of them)");
        }
        SemanticRouter router = config == null ? SemanticRouter.withDefaultConfig() : SemanticRouter.fromConfigFile(config);
        PrintWriter out = spec.commandLine().getOut();
        if (batch != null) {
            runBatch(router, out);
        } else {
            String text = "-".equals(prompt) ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8) : prompt;
            Decision d = router.decide(RouteRequest.ofPrompt(text));
            out.println(json ? DecisionJson.of(d) : summary(d));
        }
        out.flush();
        return 0;
    }

    private void runBatch(SemanticRouter router, PrintWriter out) throws IOException {
        if (!Files.isRegularFile(batch)) {
            throw new IllegalArgumentException("batch file not found: " + batch);
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(batch), StandardCharsets.UTF_8))) {
            int lineNo = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                out.println(batchLine(router, line, lineNo));
            }
        }
    }

    /** A decision, or {"line": n, "error": ...} for a line that is not a usable request. */
    private static String batchLine(SemanticRouter router, String line, int lineNo) {
        try {
            JsonNode node = DecisionJson.mapper().readTree(line);
            RouteRequest request;
            if (node.has("messages")) {
                request = RouteRequest.fromOpenAi(node.get("messages"));
            } else if (node.path("prompt").isTextual()) {
                request = RouteRequest.ofPrompt(node.get("prompt").asText());
            } else {
                throw new IllegalArgumentException("prompt: must be a string (or give messages)");
            }
            return DecisionJson.of(router.decide(request));
        } catch (IOException | IllegalArgumentException e) {
            String message = e instanceof IOException ? "not valid JSON" : e.getMessage();
            return DecisionJson.mapper().valueToTree(Map.of("line", lineNo, "error", message)).toString();
        }
    }

    private static String summary(Decision d) {
        return String.format(java.util.Locale.ROOT, "model=%s decision=%s domain=%s (%.2f) reasoning=%s jailbreak=%s (%.2f) pii=%s%s latency=%.2fms",
                d.model(), d.decision(), d.domain(), d.domainConfidence(), d.useReasoning(), d.jailbreak(), d.jailbreakScore(),
                d.pii().isEmpty() ? "none" : String.join(",", d.pii()), d.blocked() ? " BLOCKED(" + d.blockReason() + ")" : "",
                d.latencyMs());
    }

    /** The --datasets option every maintenance subcommand shares. */
    static final class DatasetsOption {
        @Option(names = "--datasets", paramLabel = "DIR", description = "The labeled datasets folder (default: ../shared/datasets).")
        Path dir;

        Datasets datasets() {
            return new Datasets(dir == null ? RouterLocations.datasets() : dir);
        }
    }

    @Command(name = "train", mixinStandardHelpOptions = true, description = "Train the router's classifier heads from the shared datasets (reproducible).")
    static final class Train implements Callable<Integer> {
        @Mixin
        DatasetsOption data;

        @Option(names = "--out", paramLabel = "DIR", description = "Where to write the heads (default: the committed resources).")
        Path out;

        @Option(names = "--encoder", defaultValue = "all", description = "static, transformer or all (default: ${DEFAULT-VALUE}).")
        String encoder;

        @Override
        public Integer call() {
            EncoderModels models = EncoderModels.shared();
            HeadTraining training = new HeadTraining(data.datasets(), models);
            Path dir = out == null ? RouterLocations.headsSource() : out;
            List<String> encoders = switch (encoder) {
                case "static" -> List.of("static-minilm-l6-q");
                case "transformer" -> List.of("minilm-l6-q");
                case "all" -> List.of("static-minilm-l6-q", "minilm-l6-q");
                default -> throw new IllegalArgumentException("--encoder must be static, transformer or all");
            };
            for (String e : encoders) {
                training.trainAndWrite(models.promptEncoder(e), dir);
                System.out.println("wrote the " + e + " heads (domain" + (e.startsWith("static") ? ", jailbreak, jailbreak-short (a MiniLM head), names" : "") + ") to " + dir);
            }
            return 0;
        }
    }

    @Command(name = "eval", mixinStandardHelpOptions = true, description = "Score the committed heads and PII rules on held-out data; prints Markdown tables.")
    static final class Eval implements Callable<Integer> {
        @Mixin
        DatasetsOption data;

        @Option(names = "--static-only", description = "Skip the transformer and cascade rows (faster).")
        boolean staticOnly;

        @Override
        public Integer call() {
            RouterEvaluation eval = new RouterEvaluation(data.datasets(),
                    EncoderModels.shared(), 0.5, 0.7);
            System.out.print(eval.run(!staticOnly));
            return 0;
        }
    }

    @Command(name = "bench", mixinStandardHelpOptions = true, description = "Decision latency at 50/500/2,000 tokens and for a 20-message, 8k-token conversation (limit 10 ms p95), and 8-caller throughput; peers measured in the same run.")
    static final class Bench implements Callable<Integer> {
        @Mixin
        DatasetsOption data;

        @Option(names = "--iterations", defaultValue = "1000", description = "Timed decisions per length (default: ${DEFAULT-VALUE}).")
        int iterations;

        @Override
        public Integer call() {
            List<String> corpus = data.datasets().mmluPro().stream().map(e -> e.text()).toList();
            System.out.print(new RouterBenchmark(corpus, iterations).run());
            return 0;
        }
    }
}
