package dev.sovereign.spec.inference;

import dev.sovereign.spec.inference.InferenceServiceSpec.Canary;
import dev.sovereign.spec.inference.InferenceServiceSpec.LoraAdapter;
import dev.sovereign.spec.validation.Rule;
import dev.sovereign.spec.validation.Rule.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The cross-field rules of an InferenceService spec: those of the reference CRD, plus the
 * ones Sovereign's {@code spec.engine} needs. Each rule carries its CEL twin, from which the
 * CRD's {@code x-kubernetes-validations} are generated.
 */
public final class InferenceServiceRules {

    /** One token: '--flag' or '--flag=value'. */
    static final Pattern ENGINE_ARG = Pattern.compile("--[^\\s=]+(=.*)?", Pattern.DOTALL);

    private InferenceServiceRules() {
    }

    public static List<Rule<InferenceService>> all() {
        List<Rule<InferenceService>> rules = new ArrayList<>(List.of(
                whole("min-replicas-at-most-max", "scaling.minReplicas",
                        "!has(self.scaling) || !has(self.scaling.minReplicas) || !has(self.scaling.maxReplicas)"
                                + " || self.scaling.minReplicas <= self.scaling.maxReplicas",
                        "scaling.minReplicas must be <= scaling.maxReplicas",
                        s -> s.scaling().minReplicas() <= s.scaling().maxReplicas()),
                whole("route-needs-hostname", "route.hostname",
                        "!has(self.route) || !self.route.enabled || (has(self.route.hostname) && self.route.hostname != '')",
                        "route.hostname is required when route.enabled is true",
                        s -> !s.route().enabled() || (s.route().hostname() != null && !s.route().hostname().isEmpty())),
                whole("canaries-need-gateway", "gateway.canaries",
                        "!has(self.gateway) || !has(self.gateway.canaries) || size(self.gateway.canaries) == 0"
                                + " || self.gateway.enabled",
                        "gateway.canaries require gateway.enabled: true",
                        s -> s.gateway().canaries().isEmpty() || s.gateway().enabled()),
                new Rule<>("canary-adapter-exists", "", "gateway.canaries",
                        "!has(self.gateway) || !has(self.gateway.canaries) || self.gateway.canaries.all(c,"
                                + " has(self.loraAdapters) && self.loraAdapters.exists(a, a.name == c.adapter))",
                        "each gateway.canaries[].adapter must name one of loraAdapters",
                        s -> unknownCanaryAdapters(s.spec())),
                new Rule<>("lora-adapter-names-distinct", "", "loraAdapters",
                        "!has(self.loraAdapters) || self.loraAdapters.all(a,"
                                + " size(self.loraAdapters.filter(b, b.name == a.name)) == 1)",
                        "loraAdapters names must be distinct",
                        s -> duplicateAdapterNames(s.spec())),
                whole("canary-weights-at-most-99", "gateway.canaries",
                        "!has(self.gateway) || !has(self.gateway.canaries)"
                                + " || self.gateway.canaries.map(c, c.weightPercent).sum() <= 99",
                        "the sum of gateway.canaries[].weightPercent must be <= 99 (the base model keeps the rest)",
                        s -> s.gateway().canaries().stream().mapToInt(Canary::weightPercent).sum() <= 99),
                whole("endpoint-picker-needs-gateway", "gateway.endpointPicker.enabled",
                        "!has(self.gateway) || !has(self.gateway.endpointPicker)"
                                + " || !self.gateway.endpointPicker.enabled || self.gateway.enabled",
                        "gateway.endpointPicker requires gateway.enabled: true",
                        s -> !s.gateway().endpointPicker().enabled() || s.gateway().enabled()),
                whole("endpoint-picker-excludes-canaries", "gateway.endpointPicker.enabled",
                        "!has(self.gateway) || !has(self.gateway.endpointPicker) || !self.gateway.endpointPicker.enabled"
                                + " || !has(self.gateway.canaries) || size(self.gateway.canaries) == 0",
                        "gateway.endpointPicker cannot be combined with gateway.canaries",
                        s -> !s.gateway().endpointPicker().enabled() || s.gateway().canaries().isEmpty()),
                eachEngineArg("engine-args-are-flags",
                        "self.all(a, a.matches('^--[^\\\\s=]+(=.*)?$'))",
                        "each engineArgs entry must be one token starting with '--' ('--flag' or '--flag=value')",
                        arg -> ENGINE_ARG.matcher(arg).matches()),
                whole("external-engine-needs-url", "engine.url",
                        "!has(self.engine) || self.engine.kind != 'external' || has(self.engine.url)",
                        "engine.url is required when engine.kind is external",
                        s -> s.engine() == null || !"external".equals(s.engine().kind()) || s.engine().url() != null),
                whole("url-only-for-external-engine", "engine.url",
                        "!has(self.engine) || !has(self.engine.url) || self.engine.kind == 'external'",
                        "engine.url is only used when engine.kind is external",
                        s -> s.engine() == null || s.engine().url() == null || "external".equals(s.engine().kind())),
                whole("process-engine-needs-command", "engine.command",
                        "!has(self.engine) || self.engine.kind != 'process' || (has(self.engine.command)"
                                + " && size(self.engine.command) > 0)",
                        "engine.command is required when engine.kind is process",
                        s -> s.engine() == null || !"process".equals(s.engine().kind()) || !s.engine().command().isEmpty()),
                whole("command-only-for-process-engine", "engine.command",
                        "!has(self.engine) || !has(self.engine.command) || size(self.engine.command) == 0"
                                + " || self.engine.kind == 'process'",
                        "engine.command is only used when engine.kind is process",
                        s -> s.engine() == null || s.engine().command().isEmpty() || "process".equals(s.engine().kind())),
                whole("device-only-for-embedded-engine", "engine.device",
                        "!has(self.engine) || !has(self.engine.device) || self.engine.kind == 'embedded'",
                        "engine.device is only used when engine.kind is embedded (vLLM and other servers choose their own)",
                        s -> s.engine() == null || s.engine().device() == null || "embedded".equals(s.engine().kind()))));
        for (ManagedEngineFlag flag : ManagedEngineFlag.values()) {
            rules.add(eachEngineArg("engine-args-not-" + flag.flag().substring(2),
                    "self.all(a, a != '" + flag.flag() + "' && !a.startsWith('" + flag.flag() + "='))",
                    flag.message(), arg -> !flag.matches(arg)));
        }
        return List.copyOf(rules);
    }

    /** A rule about the spec as a whole, reported on one field. */
    private static Rule<InferenceService> whole(String name, String fieldPath, String cel, String message,
                                                     Predicate<InferenceServiceSpec> holds) {
        return new Rule<>(name, "", fieldPath, cel, message,
                service -> holds.test(service.spec()) ? List.of() : List.of(new Violation("spec." + fieldPath, message)));
    }

    /** A rule every engineArgs entry must satisfy; its CEL is attached to the engineArgs list itself. */
    private static Rule<InferenceService> eachEngineArg(String name, String cel, String message, Predicate<String> holds) {
        return new Rule<>(name, "engineArgs", "", cel, message, service -> {
            List<String> args = service.spec().engineArgs();
            List<Violation> found = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                if (!holds.test(args.get(i))) {
                    found.add(new Violation("spec.engineArgs[" + i + "]", message));
                }
            }
            return found;
        });
    }

    private static List<Violation> unknownCanaryAdapters(InferenceServiceSpec spec) {
        Set<String> names = new HashSet<>();
        spec.loraAdapters().forEach(a -> names.add(a.name()));
        List<Violation> found = new ArrayList<>();
        List<Canary> canaries = spec.gateway().canaries();
        for (int i = 0; i < canaries.size(); i++) {
            if (!names.contains(canaries.get(i).adapter())) {
                found.add(new Violation("spec.gateway.canaries[" + i + "].adapter",
                        "'" + canaries.get(i).adapter() + "' is not one of loraAdapters[].name"));
            }
        }
        return found;
    }

    private static List<Violation> duplicateAdapterNames(InferenceServiceSpec spec) {
        Set<String> seen = new HashSet<>();
        List<Violation> found = new ArrayList<>();
        List<LoraAdapter> adapters = spec.loraAdapters();
        for (int i = 0; i < adapters.size(); i++) {
            if (!seen.add(adapters.get(i).name())) {
                found.add(new Violation("spec.loraAdapters[" + i + "].name",
                        "duplicate adapter name '" + adapters.get(i).name() + "'"));
            }
        }
        return found;
    }
}
