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
    Q4_0(32, 18);

    private final int blockSize;
    private final int blockBytes;

    DType(int blockSize, int blockBytes) {
        this.blockSize = blockSize;
        this.blockBytes = blockBytes;
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
