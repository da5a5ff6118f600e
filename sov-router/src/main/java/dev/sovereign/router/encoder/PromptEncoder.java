package dev.sovereign.router.encoder;

/**
 * Turns a tokenised prompt into the one feature vector every classifier head reads: computed
 * once per request and shared by the domain and jailbreak heads.
 */
public interface PromptEncoder {

    /** A short, stable name recorded in each head ("static-minilm-l6-q", "minilm-l6-q"). */
    String name();

    float[] features(IntList tokens);
}
