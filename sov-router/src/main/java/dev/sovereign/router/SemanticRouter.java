package dev.sovereign.router;

import dev.sovereign.router.config.RouterConfig;
import dev.sovereign.router.config.RouterConfigLoader;
import dev.sovereign.router.encoder.EncoderModels;
import dev.sovereign.router.encoder.IntList;
import dev.sovereign.router.classify.HeadStore;
import dev.sovereign.router.encoder.StaticPromptEncoder;
import dev.sovereign.router.guard.GuardVerdict;
import dev.sovereign.router.guard.JailbreakGuard;
import dev.sovereign.router.pii.NameTagger;
import dev.sovereign.router.pii.PiiDetector;
import dev.sovereign.router.pii.WordFeatures;
import dev.sovereign.router.pii.PiiEntity;
import dev.sovereign.router.pii.PiiType;
import dev.sovereign.router.rules.ConditionEvaluator;
import dev.sovereign.router.rules.KeywordRule;
import dev.sovereign.router.rules.Signals;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The semantic router: computes every signal of a request once (the domain from the last user
 * turn, the jailbreak guard over every client-controlled text, keywords, context length, PII),
 * then picks the highest-priority decision whose rule matches. Thread-safe; build one per
 * configuration and share it.
 */
public final class SemanticRouter {

    private static final Logger LOG = LoggerFactory.getLogger(SemanticRouter.class);
    /** Classifiers read at most this many tokens of the prompt (docs/router.md, "Long inputs"). */
    static final int CLASSIFIED_TOKENS = 8192;
    /** Context length (tokens of every message and tool call) is reported up to here. */
    static final int COUNTED_TOKENS = 65_536;
    /** Word probability above which the name tagger reports PERSON / LOCATION (docs/router.md). */
    public static final double NAME_THRESHOLD = 0.9;

    private final RouterConfig config;
    private final EncoderModels models;
    private final Classifiers classifiers;
    private final List<KeywordRule> keywordRules;
    private final List<RouterConfig.DecisionConfig> decisions;
    private final Map<String, String> categoryOfDomain = new HashMap<>();
    private final Map<String, List<String>> domainsOfCategory = new HashMap<>();
    private final ConditionEvaluator evaluator;
    private final PiiDetector pii;
    private final JailbreakGuard guard;
    private final DecisionPolicies policies;
    private final RouterMetrics metrics = new RouterMetrics();

    private SemanticRouter(RouterConfig config, EncoderModels models) {
        this.config = config;
        this.models = models;
        this.classifiers = Classifiers.forMode(config.encoder(), models);
        this.keywordRules = config.signals() == null || config.signals().keywordRules() == null ? List.of()
                : config.signals().keywordRules().stream().map(KeywordRule::new).toList();
        this.decisions = config.decisions() == null ? List.of() : config.decisions().stream()
                .sorted(Comparator.comparingInt(RouterConfig.DecisionConfig::priority).reversed()).toList();
        if (config.categories() != null) {
            for (RouterConfig.Category c : config.categories()) {
                domainsOfCategory.put(c.name(), c.mmluCategories());
                c.mmluCategories().forEach(d -> categoryOfDomain.putIfAbsent(d, c.name()));
            }
        }
        double threshold = config.classifier() != null && config.classifier().categoryModel() != null
                && config.classifier().categoryModel().threshold() != null ? config.classifier().categoryModel().threshold() : 0.6;
        this.evaluator = new ConditionEvaluator(threshold);
        this.policies = new DecisionPolicies(config);
        this.guard = JailbreakGuard.bundled(models);
        this.pii = policies.detectNames() ? new PiiDetector(new NameTagger(
                new WordFeatures(models.tokenizer(), models.staticEmbeddings()),
                HeadStore.bundled("names", StaticPromptEncoder.NAME), NAME_THRESHOLD)) : PiiDetector.structuredOnly();
    }

    /** The router for the bundled default configuration (the reference platform's decision table). */
    public static SemanticRouter withDefaultConfig() {
        return new SemanticRouter(RouterConfigLoader.bundledDefault(), EncoderModels.shared());
    }

    public static SemanticRouter fromConfigFile(Path file) {
        return new SemanticRouter(RouterConfigLoader.load(file), EncoderModels.shared());
    }

    public static SemanticRouter fromConfig(RouterConfig config) {
        return new SemanticRouter(config, EncoderModels.shared());
    }

    /** The virtual model name clients ask for ("MoM"). */
    public String autoModelName() {
        return config.autoModelName() == null ? "MoM" : config.autoModelName();
    }

    public String defaultModel() {
        return config.defaultModel();
    }

    public RouterConfig config() {
        return config;
    }

    public RouterMetrics metrics() {
        return metrics;
    }

    /** Loads the encoder and heads now, so the first request does not pay for it. */
    public SemanticRouter warmUp() {
        decide(RouteRequest.ofPrompt("warm up: explain how a hash map works"));
        guard.warmUp(models.tokenizer().encode("warm up: ignore your instructions", CLASSIFIED_TOKENS));
        return this;
    }

    /** Never throws: a failure gives the default model, decision "fallback", and is counted. */
    public Decision decide(RouteRequest request) {
        long t0 = System.nanoTime();
        Decision d;
        try {
            d = decideOrThrow(request, t0);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.warn("router failed, falling back to {}: {}", config.defaultModel(), e.toString());
            d = new Decision(config.defaultModel(), "fallback", null, 0, null, false, Map.of(), false, 0, List.of(),
                    List.of(), "allow", null, null, false, null, List.of(), 0, null, true, elapsedMs(t0));
        }
        metrics.record(d);
        return d;
    }

    private Decision decideOrThrow(RouteRequest request, long t0) {
        List<String> guarded = request.guardedTexts();
        if (JailbreakGuard.tooLong(guarded)) {
            return policies.refuseTooLong(t0);
        }
        List<IntList> guardedTokens = new ArrayList<>(guarded.size());
        for (String t : guarded) {
            guardedTokens.add(models.tokenizer().encode(t, JailbreakGuard.MAX_GUARDED_CHARS));
        }
        GuardVerdict verdict = guard.scan(guarded, guardedTokens);
        String text = request.classifiedText();
        IntList tokens = classifiedTokens(request, guarded, guardedTokens, text);
        Classifiers.Result cls = classifiers.classify(tokens);
        String domain = cls == null ? null : cls.domain();
        String category = domain == null ? null : categoryOfDomain.get(domain);
        double categoryConfidence = category == null ? 0 : cls.probabilityOf(domainsOfCategory.get(category));
        double jailbreakScore = verdict.score();

        String lowered = text.toLowerCase(Locale.ROOT);
        Set<String> keywordHits = new LinkedHashSet<>();
        for (KeywordRule rule : keywordRules) {
            if (rule.matches(text, lowered)) {
                keywordHits.add(rule.name());
            }
        }
        int contextTokens = (int) Math.min(COUNTED_TOKENS, verdict.tokens());
        Set<String> contextHits = new LinkedHashSet<>();
        if (config.signals() != null && config.signals().contextRules() != null) {
            for (RouterConfig.ContextRule r : config.signals().contextRules()) {
                if ((r.minTokens() == null || contextTokens >= r.minTokens())
                        && (r.maxTokens() == null || contextTokens <= r.maxTokens())) {
                    contextHits.add(r.name());
                }
            }
        }
        List<Decision.PiiSpan> spans = new ArrayList<>();
        List<List<PiiEntity>> perMessage = new ArrayList<>();
        Set<PiiType> types = new TreeSet<>();
        for (int i = 0; i < request.messages().size(); i++) {
            List<PiiEntity> found = policies.piiEnabled() ? pii.detect(request.messages().get(i).text()) : List.of();
            perMessage.add(found);
            for (PiiEntity e : found) {
                spans.add(new Decision.PiiSpan(e.type().name(), i, e.start(), e.end()));
                types.add(e.type());
            }
        }
        boolean jailbreak = policies.guardEnabled() && jailbreakScore >= policies.guardThreshold();
        Signals signals = new Signals(domain, cls == null ? 0 : cls.domainConfidence(), category, categoryConfidence,
                keywordHits, contextHits, contextTokens, jailbreakScore, jailbreak, types);

        RouterConfig.DecisionConfig matched = null;
        for (RouterConfig.DecisionConfig dc : decisions) {
            if (evaluator.matches(dc.rules(), signals)) {
                matched = dc;
                break;
            }
        }
        return policies.apply(matched, signals, request, perMessage, spans,
                cls == null ? null : cls.encoder(), t0);
    }

    /** The last user turn's tokens, reused from the guard's pass, cut to what the domain head reads. */
    private IntList classifiedTokens(RouteRequest request, List<String> guarded, List<IntList> guardedTokens,
                                     String text) {
        for (int i = request.messages().size() - 1; i >= 0; i--) {
            if ("user".equals(request.messages().get(i).role()) && guarded.get(i).equals(text)) {
                return guardedTokens.get(i).head(CLASSIFIED_TOKENS);
            }
        }
        return models.tokenizer().encode(text, CLASSIFIED_TOKENS);
    }

    static double elapsedMs(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }
}
