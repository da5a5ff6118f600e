package dev.sovereign.engine.cuda;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The images inside an nvcc fatbin, read from its container headers (no cuobjdump on the build machines): a 16-byte
 * header (magic 0xBA55ED50, version, header size, payload size), then entries whose header holds the kind
 * (1 PTX, 2 ELF machine code) at offset 0, its own size at 4, the padded payload size at 8 and the SM version at 28.
 */
record FatbinImages(List<String> images) {

    static FatbinImages parse(byte[] fatbin) {
        ByteBuffer b = ByteBuffer.wrap(fatbin).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != 0xBA55ED50) {
            throw new IllegalArgumentException("not a fatbin: magic 0x" + Integer.toHexString(b.getInt(0)));
        }
        int headerSize = Short.toUnsignedInt(b.getShort(6));
        long end = headerSize + b.getLong(8);
        List<String> images = new ArrayList<>();
        int at = headerSize;
        while (at < end) {
            int kind = Short.toUnsignedInt(b.getShort(at));
            int entryHeader = b.getInt(at + 4);
            long payload = Integer.toUnsignedLong(b.getInt(at + 8));
            int sm = b.getInt(at + 28);
            images.add((kind == 1 ? "ptx" : kind == 2 ? "elf" : "kind" + kind) + " sm_" + sm);
            at += entryHeader + (int) payload;
        }
        return new FatbinImages(images);
    }
}
