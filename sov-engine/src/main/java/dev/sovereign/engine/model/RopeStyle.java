package dev.sovereign.engine.model;

/**
 * How rotary embeddings pair a head's dimensions. GGUF Llama files have their q/k rows permuted by the converter so
 * that adjacent values pair up ({@code NORMAL}); HF checkpoints and Qwen pair dimension i with i + d/2 ({@code NEOX}).
 */
public enum RopeStyle {
    NORMAL,
    NEOX
}
