package dev.sovereign.cli;

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

/** {@code sov render FILE|DIR...}: every Kubernetes object of each InferenceService, as YAML on stdout. */
@Command(name = "render", description = "Print every Kubernetes object the operator would create (GitOps).")
final class RenderCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "Files or folders of InferenceService YAML.")
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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        RenderOptions options = RenderOptions.defaults().withNetworkPolicies(networkPolicies)
                .withMonitoring(monitoring).withAiGateway(aiGateway);
        spec.commandLine().getOut().print(RenderFiles.render(paths, options));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
