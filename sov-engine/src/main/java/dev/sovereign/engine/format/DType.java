package dev.sovereign.engine.format;

/**
 * Element types of weight tensors, with their block layout. Quantized types store {@code blockSize} weights in
 * {@code blockBytes} bytes; plain types have a block of one element.
 */
public enum DType {
    F32(1, 4),
    F16(1, 2),
    BF16(1, 2),
    /** 32 weights: one F16 scale, 32 signed bytes. */
    Q8_0(32, 34),
    /** 32 weights: one F16 scale, 16 bytes of 4-bit values offset by 8. */
    Q4_0(32, 18),
    /** 32 weights: F16 scale and F16 minimum, 16 bytes of 4-bit values. */
    Q4_1(32, 20),
    /** 32 weights: F16 scale, 4 bytes of fifth bits, 16 bytes of low nibbles; values offset by 16. */
    Q5_0(32, 22),
    /** 32 weights: F16 scale and F16 minimum, 4 bytes of fifth bits, 16 bytes of low nibbles. */
    Q5_1(32, 24),
    /** 256 weights: F16 scale and minimum scale, eight 6-bit scales and minimums in 12 bytes, 128 bytes of nibbles. */
    Q4_K(256, 144),
    /** Q4_K's layout with 32 bytes of fifth bits between the scales and the nibbles. */
    Q5_K(256, 176),
    /** 256 weights: 128 bytes of low nibbles, 64 of high bit pairs, sixteen int8 scales, one F16 scale; offset 32. */
    Q6_K(256, 210);

    private final int blockSize;
    private final int blockBytes;

    DType(int blockSize, int blockBytes) {
        this.blockSize = blockSize;
        this.blockBytes = blockBytes;
    }

    /** Whether weights are stored in scaled blocks (every type but the plain floats). */
    public boolean quantized() {
        return blockSize > 1;
    }

    /** Whether this is one of ggml's 256-weight super-block types, whose activations llama.cpp rounds through Q8_K. */
    public boolean kQuant() {
        return blockSize == 256;
    }

    public int blockSize() {
        return blockSize;
    }

    public int blockBytes() {
        return blockBytes;
    }

    /** Bytes taken by {@code elements} weights; {@code elements} must be a whole number of blocks. */
    public long bytesFor(long elements) {
        if (elements % blockSize != 0) {
            throw new ModelFormatException(this + " needs a multiple of " + blockSize + " elements, got " + elements);
        }
        return elements / blockSize * blockBytes;
    }
}
