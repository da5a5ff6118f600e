package dev.sovereign.cli;

import dev.sovereign.k8s.cluster.ClusterProfile;
import dev.sovereign.k8s.eval.EvalCronJobOptions;
import dev.sovereign.k8s.eval.EvalSuiteRender;
import dev.sovereign.k8s.render.RenderFiles;
import dev.sovereign.k8s.render.RenderOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sov render FILE|DIR...}: every Kubernetes object of each InferenceService, as YAML on
 * stdout; {@code --eval-suite FILE} adds the nightly evaluation CronJob of a suite.
 */
@Command(name = "render", description = "Print every Kubernetes object the operator would create (GitOps).")
final class RenderCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", paramLabel = "FILE|DIR", description = "Files or folders of InferenceService YAML.")
    List<Path> paths;

    @Option(names = "--network-policies", defaultValue = RenderOptions.STANDARD,
            description = "standard (NetworkPolicy) or cilium (CiliumNetworkPolicy). Default: ${DEFAULT-VALUE}.")
    String networkPolicies;

    @Option(names = "--monitoring", defaultValue = RenderOptions.PROMETHEUS_OPERATOR,
            description = "prometheus-operator (ServiceMonitor, PrometheusRule) or victoriametrics (VMServiceScrape, "
                    + "VMRule). Default: ${DEFAULT-VALUE}.")
    String monitoring;

    @Option(names = "--ai-gateway", defaultValue = RenderOptions.SOVEREIGN,
            description = "sovereign (our gateway finds the models) or envoy (render Envoy AI Gateway routes for "
                    + "gateway.enabled models). Default: ${DEFAULT-VALUE}.")
    String aiGateway;

    @Option(names = "--cluster", paramLabel = "FILE",
            description = "Cluster profile (GPU node selector, tolerations, runtime class, namespaces, scraper, model "
                    + "cache, image registry); see examples/cluster/. Default: a plain cluster.")
    Path cluster;

    @Option(names = "--eval-suite", paramLabel = "FILE",
            description = "Also render a ConfigMap with this Promptfoo suite and a CronJob running sov eval on it.")
    Path evalSuite;

    @Option(names = "--eval-name", paramLabel = "NAME", description = "Name of the CronJob (default: eval-<suite file name>).")
    String evalName;

    @Option(names = "--eval-namespace", paramLabel = "NS",
            description = "Namespace of the CronJob and its ConfigMap. Default: the cluster profile's eval namespace.")
    String evalNamespace;

    @Option(names = "--schedule", defaultValue = EvalCronJobOptions.DEFAULT_SCHEDULE, paramLabel = "CRON",
            description = "When the suite runs. Default: ${DEFAULT-VALUE}.")
    String schedule;

    @Option(names = "--time-zone", defaultValue = EvalCronJobOptions.DEFAULT_TIME_ZONE, paramLabel = "ZONE",
            description = "Time zone of the schedule. Default: ${DEFAULT-VALUE}.")
    String timeZone;

    @Option(names = "--gateway-url", paramLabel = "URL",
            description = "OpenAI base URL all the suite's providers are sent to (default: the suite's apiBaseUrl).")
    String gatewayUrl;

    @Option(names = "--push-url", defaultValue = EvalCronJobOptions.DEFAULT_PUSH_URL, paramLabel = "URL|none",
            description = "Where the metrics are pushed (Prometheus text import). Default: ${DEFAULT-VALUE}.")
    String pushUrl;

    @Option(names = "--eval-image", defaultValue = EvalCronJobOptions.DEFAULT_IMAGE, paramLabel = "IMAGE",
            description = "Image with sov as its entrypoint. Default: ${DEFAULT-VALUE}.")
    String evalImage;

    @Option(names = "--api-key-secret", defaultValue = EvalCronJobOptions.DEFAULT_SECRET, paramLabel = "SECRET",
            description = "Secret holding OPENAI_API_KEY for the suite. Default: ${DEFAULT-VALUE}.")
    String apiKeySecret;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ClusterProfile profile = cluster == null ? ClusterProfile.plain() : ClusterProfile.load(cluster);
        RenderOptions options = RenderOptions.defaults().withNetworkPolicies(networkPolicies)
                .withMonitoring(monitoring).withAiGateway(aiGateway).withCluster(profile);
        if ((paths == null || paths.isEmpty()) && evalSuite == null) {
            throw new IllegalArgumentException("give InferenceService files or folders, or --eval-suite FILE");
        }
        if (paths != null && !paths.isEmpty()) {
            spec.commandLine().getOut().print(RenderFiles.render(paths, options));
        }
        if (evalSuite != null) {
            String name = evalName != null ? evalName : EvalCronJobOptions.nameFor(evalSuite.getFileName().toString());
            String namespace = evalNamespace != null ? evalNamespace
                    : profile.namespaces().eval().isEmpty() ? EvalCronJobOptions.DEFAULT_NAMESPACE : profile.namespaces().eval();
            EvalCronJobOptions eval = new EvalCronJobOptions(name, namespace, schedule, timeZone, profile.image(evalImage),
                    gatewayUrl, "none".equals(pushUrl) ? null : pushUrl, apiKeySecret);
            spec.commandLine().getOut().print(EvalSuiteRender.render(evalSuite, eval));
        }
        spec.commandLine().getOut().flush();
        return 0;
    }
}
