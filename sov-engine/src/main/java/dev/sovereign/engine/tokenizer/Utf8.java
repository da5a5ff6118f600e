package dev.sovereign.engine.tokenizer;

/** UTF-8 helpers for cutting byte streams at character boundaries. */
final class Utf8 {
    private Utf8() {
    }

    /** Length of the sequence a lead byte announces (1 for a stray continuation byte, as llama.cpp counts it). */
    static int sequenceLength(byte lead) {
        int b = lead & 0xFF;
        if (b < 0x80) {
            return 1;
        }
        if (b >= 0xF0 && b <= 0xF7) {
            return 4;
        }
        if (b >= 0xE0) {
            return b <= 0xEF ? 3 : 1;
        }
        return b >= 0xC0 ? 2 : 1;
    }

    /**
     * Number of leading bytes of {@code buf[0, len)} that can be decoded now: everything except a trailing
     * sequence that is still waiting for continuation bytes.
     */
    static int completePrefix(byte[] buf, int len) {
        for (int back = 1; back <= 3 && back <= len; back++) {
            int i = len - back;
            int b = buf[i] & 0xFF;
            if ((b & 0xC0) == 0x80) {
                continue; // continuation byte: keep looking for its lead
            }
            int need = sequenceLength(buf[i]);
            return need > back ? i : len;
        }
        return len;
    }
}
