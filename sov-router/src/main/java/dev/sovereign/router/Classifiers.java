package dev.sovereign.router;

import dev.sovereign.router.classify.HeadStore;
import dev.sovereign.router.classify.LinearHead;
import dev.sovereign.router.config.RouterConfig;
import dev.sovereign.router.encoder.EncoderModels;
import dev.sovereign.router.encoder.IntList;
import dev.sovereign.router.encoder.PromptEncoder;
import dev.sovereign.router.encoder.StaticPromptEncoder;
import dev.sovereign.router.encoder.TransformerPromptEncoder;
import java.util.List;

/**
 * The domain head over one encoder pass of the last user turn, in one of three modes:
 * static (distilled token embeddings), transformer (a full MiniLM pass), or cascade (static, and
 * the transformer only when the static domain confidence is below a threshold).
 */
final class Classifiers {

    /** One encoder pass worth of answers. */
    record Result(String encoder, List<String> domainLabels, float[] domainProbabilities) {

        String domain() {
            return domainLabels.get(LinearHead.argmax(domainProbabilities));
        }

        double domainConfidence() {
            return domainProbabilities[LinearHead.argmax(domainProbabilities)];
        }

        double probabilityOf(List<String> labels) {
            double p = 0;
            for (int i = 0; i < domainLabels.size(); i++) {
                if (labels.contains(domainLabels.get(i))) {
                    p += domainProbabilities[i];
                }
            }
            return p;
        }
    }

    /** An encoder with the domain head trained on its features. */
    record Stage(PromptEncoder encoder, LinearHead domain) {

        static Stage load(EncoderModels models, String encoderName) {
            return new Stage(models.promptEncoder(encoderName), HeadStore.bundled("domain", encoderName));
        }

        Result run(IntList tokens) {
            return new Result(encoder.name(), domain.labels(), domain.probabilities(encoder.features(tokens), tokens));
        }
    }

    private final Stage first;
    private final Stage second;
    private final double cascadeBelow;

    private Classifiers(Stage first, Stage second, double cascadeBelow) {
        this.first = first;
        this.second = second;
        this.cascadeBelow = cascadeBelow;
    }

    static Classifiers forMode(RouterConfig.EncoderConfig config, EncoderModels models) {
        String mode = config == null || config.mode() == null ? "static" : config.mode();
        double below = config == null || config.cascadeBelow() == null ? 0.5 : config.cascadeBelow();
        return switch (mode) {
            case "transformer" -> new Classifiers(Stage.load(models, TransformerPromptEncoder.NAME), null, 0);
            case "cascade" -> new Classifiers(Stage.load(models, StaticPromptEncoder.NAME),
                    Stage.load(models, TransformerPromptEncoder.NAME), below);
            default -> new Classifiers(Stage.load(models, StaticPromptEncoder.NAME), null, 0);
        };
    }

    /** Null when there is no text to classify (empty prompt, images or tool results only). */
    Result classify(IntList tokens) {
        if (tokens.size() == 0) {
            return null;
        }
        Result r = first.run(tokens);
        if (second != null && r.domainConfidence() < cascadeBelow) {
            return second.run(tokens);
        }
        return r;
    }
}
