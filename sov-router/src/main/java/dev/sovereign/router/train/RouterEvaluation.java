package dev.sovereign.router.train;

import dev.sovereign.router.classify.HeadStore;
import dev.sovereign.router.classify.LinearHead;
import dev.sovereign.router.encoder.EncoderModels;
import dev.sovereign.router.encoder.StaticPromptEncoder;
import dev.sovereign.router.encoder.TransformerPromptEncoder;
import dev.sovereign.router.SemanticRouter;
import dev.sovereign.router.guard.JailbreakGuard;
import dev.sovereign.router.pii.NameTagger;
import dev.sovereign.router.pii.PiiDetector;
import dev.sovereign.router.pii.WordFeatures;
import dev.sovereign.router.pii.PiiType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code sov route eval}: scores the committed heads on the held-out rows (never trained on) for
 * the static, transformer and cascade encoders, and the PII rules on the Presidio sets; prints
 * the Markdown tables of docs/router.md.
 */
public final class RouterEvaluation {

    /** The three groups the default decisions route on (issue 6). */
    static String group(String domain) {
        return switch (domain) {
            case "computer science", "engineering" -> "code";
            case "math", "physics" -> "maths";
            default -> "everything else";
        };
    }

    private final Datasets datasets;
    private final EncoderModels models;
    private final double cascadeBelow;
    private final double jailbreakThreshold;

    public RouterEvaluation(Datasets datasets, EncoderModels models, double cascadeBelow, double jailbreakThreshold) {
        this.datasets = datasets;
        this.models = models;
        this.cascadeBelow = cascadeBelow;
        this.jailbreakThreshold = jailbreakThreshold;
    }

    /** Predictions of one encoder (or the cascade) on the held-out rows. */
    record Predictions(String name, List<float[]> domain, double escalated) {
    }

    public String run(boolean withTransformer) {
        HeadTraining training = new HeadTraining(datasets, models);
        List<Example> domainRows = training.domainExamples();
        List<Predictions> all = new ArrayList<>();
        Predictions stat = predict(StaticPromptEncoder.NAME, domainRows);
        all.add(stat);
        if (withTransformer) {
            Predictions full = predict(TransformerPromptEncoder.NAME, domainRows);
            all.add(full);
            all.add(cascade(stat, full));
        }
        List<Example> domainTest = domainRows.stream().filter(Example::heldOut).toList();
        StringBuilder md = new StringBuilder();
        domainTable(md, all, domainTest);
        perClassTable(md, all, domainTest);
        jailbreakTable(md, training.jailbreakExamples());
        piiTable(md);
        return md.toString();
    }

    private Predictions predict(String encoder, List<Example> domainRows) {
        LinearHead domainHead = HeadStore.bundled("domain", encoder);
        LabeledFeatures d = LabeledFeatures.encode(domainRows, HeadTraining.DOMAINS, models.tokenizer(),
                models.promptEncoder(encoder), true);
        List<float[]> domain = new ArrayList<>();
        for (int i = 0; i < d.testX().size(); i++) {
            domain.add(domainHead.probabilities(d.testX().get(i), d.testTokens().get(i)));
        }
        return new Predictions(encoder, domain, encoder.equals(StaticPromptEncoder.NAME) ? 0 : 1);
    }

    /** Static answers, replaced by the transformer's where the static domain confidence is low. */
    private Predictions cascade(Predictions stat, Predictions full) {
        List<float[]> domain = new ArrayList<>();
        int escalated = 0;
        for (int i = 0; i < stat.domain().size(); i++) {
            float[] p = stat.domain().get(i);
            boolean unsure = p[LinearHead.argmax(p)] < cascadeBelow;
            domain.add(unsure ? full.domain().get(i) : p);
            escalated += unsure ? 1 : 0;
        }
        return new Predictions("cascade (< " + cascadeBelow + ")", domain, (double) escalated / domain.size());
    }

    private void domainTable(StringBuilder md, List<Predictions> all, List<Example> test) {
        md.append("#### Domain (held-out: ").append(count(test, true)).append(" MMLU-Pro questions, ")
                .append(count(test, false)).append(" CLINC150 test queries)\n\n")
                .append("| encoder | 14 classes (MMLU-Pro) | 3 groups (MMLU-Pro) | CLINC150 → everything else | sent to transformer |\n")
                .append("|---|---|---|---|---|\n");
        for (Predictions p : all) {
            int mmlu = 0;
            int exact = 0;
            int groups = 0;
            int clinc = 0;
            int clincOk = 0;
            for (int i = 0; i < test.size(); i++) {
                String predicted = HeadTraining.DOMAINS.get(LinearHead.argmax(p.domain().get(i)));
                Example e = test.get(i);
                if (isClinc(e)) {
                    clinc++;
                    clincOk += group(predicted).equals("everything else") ? 1 : 0;
                } else {
                    mmlu++;
                    exact += predicted.equals(e.label()) ? 1 : 0;
                    groups += group(predicted).equals(group(e.label())) ? 1 : 0;
                }
            }
            md.append(String.format(Locale.ROOT, "| %s | %.1f%% | %.1f%% | %.1f%% | %.0f%% |%n", p.name(),
                    100.0 * exact / mmlu, 100.0 * groups / mmlu, 100.0 * clincOk / Math.max(1, clinc), 100 * p.escalated()));
        }
        md.append('\n');
    }

    private void perClassTable(StringBuilder md, List<Predictions> all, List<Example> test) {
        md.append("#### Domain accuracy per class (MMLU-Pro held-out)\n\n| class | n |");
        all.forEach(p -> md.append(' ').append(p.name()).append(" |"));
        md.append("\n|---|---|").append("---|".repeat(all.size())).append('\n');
        for (String label : HeadTraining.DOMAINS) {
            int n = 0;
            int[] ok = new int[all.size()];
            for (int i = 0; i < test.size(); i++) {
                Example e = test.get(i);
                if (isClinc(e) || !e.label().equals(label)) {
                    continue;
                }
                n++;
                for (int k = 0; k < all.size(); k++) {
                    ok[k] += HeadTraining.DOMAINS.get(LinearHead.argmax(all.get(k).domain().get(i))).equals(label) ? 1 : 0;
                }
            }
            md.append("| ").append(label).append(" | ").append(n).append(" |");
            for (int k = 0; k < all.size(); k++) {
                md.append(String.format(Locale.ROOT, " %.1f%% |", 100.0 * ok[k] / Math.max(1, n)));
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private void jailbreakTable(StringBuilder md, List<Example> rows) {
        JailbreakGuard guard = JailbreakGuard.bundled(models);
        JailbreakEvaluation eval = new JailbreakEvaluation(rows, models.tokenizer(), guard);
        long heldOut = rows.stream().filter(Example::heldOut).count();
        md.append("#### Jailbreak / prompt injection (held-out near-duplicate groups: ").append(heldOut)
                .append(" prompts, threshold ").append(jailbreakThreshold).append(", most suspicious window; short messages re-scored with the transformer head)\n\n")
                .append(eval.table(jailbreakThreshold))
                .append("\nHeld-out rows sharing a ").append(NearDuplicates.SHARED_CHARS).append("-character run with a training row: ")
                .append(JailbreakEvaluation.heldOutSharingARun(rows)).append(".\n\n");
    }

    private void piiTable(StringBuilder md) {
        List<PiiEvaluation.Labeled> data = PiiEvaluation.load(datasets, false);
        List<PiiEvaluation.Labeled> evaluation = data.stream().filter(PiiEvaluation.Labeled::inRulesEvaluationHalf).toList();
        List<PiiEvaluation.Labeled> development = data.stream().filter(r -> !r.inRulesEvaluationHalf()).toList();
        List<PiiEvaluation.Labeled> generated = TemplateSentences.evaluationHalf(datasets);
        Map<PiiType, PiiEvaluation.Counts> counts = PiiEvaluation.evaluate(PiiDetector.structuredOnly(), evaluation);
        Map<PiiType, PiiEvaluation.Counts> filled = PiiEvaluation.evaluate(PiiDetector.structuredOnly(), generated);
        Map<PiiType, PiiEvaluation.Counts> dev = PiiEvaluation.evaluate(PiiDetector.structuredOnly(), development);
        md.append("#### PII, structured types (unseen: ").append(evaluation.size())
                .append(" Presidio sentences of the evaluation half of the templates, and ").append(generated.size())
                .append(" sentences filled from the evaluation half of Presidio's template list; span overlap, same type)\n\n")
                .append("| type | Presidio: gold | recall | precision | filled templates: gold | recall | precision "
                        + "| development half (").append(development.size()).append("): recall / precision |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        for (PiiType t : List.of(PiiType.EMAIL_ADDRESS, PiiType.PHONE_NUMBER, PiiType.CREDIT_CARD, PiiType.IBAN_CODE,
                PiiType.US_SSN, PiiType.IP_ADDRESS)) {
            PiiEvaluation.Counts c = counts.getOrDefault(t, new PiiEvaluation.Counts());
            PiiEvaluation.Counts f = filled.getOrDefault(t, new PiiEvaluation.Counts());
            PiiEvaluation.Counts d = dev.getOrDefault(t, new PiiEvaluation.Counts());
            md.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %d | %.3f | %.3f | %.3f / %.3f |%n", t, c.gold,
                    c.recall(), c.precision(), f.gold, f.recall(), f.precision(), d.recall(), d.precision()));
        }
        md.append('\n');
        List<PiiEvaluation.Labeled> heldOut = data.stream().filter(r -> Split.heldOut("pii:" + r.text())).toList();
        NameTagger tagger = new NameTagger(new WordFeatures(models.tokenizer(), models.staticEmbeddings()),
                HeadStore.bundled("names", StaticPromptEncoder.NAME), SemanticRouter.NAME_THRESHOLD);
        Map<PiiType, PiiEvaluation.Counts> names = PiiEvaluation.evaluate(new PiiDetector(tagger), heldOut);
        md.append("#### PII, names and places (held-out: ").append(heldOut.size())
                .append(" Presidio sentences; opt-in tagger, threshold ").append(SemanticRouter.NAME_THRESHOLD).append(")\n\n")
                .append("| type | gold spans | recall | detections | precision |\n|---|---|---|---|---|\n");
        for (PiiType t : List.of(PiiType.PERSON, PiiType.LOCATION)) {
            PiiEvaluation.Counts c = names.getOrDefault(t, new PiiEvaluation.Counts());
            md.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %d | %.3f |%n", t, c.gold, c.recall(), c.predicted,
                    c.precision()));
        }
        md.append('\n');
    }

    private static boolean isClinc(Example e) {
        return e.source().equals(Datasets.CLINC150);
    }

    private static int count(List<Example> test, boolean mmlu) {
        return (int) test.stream().filter(e -> isClinc(e) != mmlu).count();
    }
}
