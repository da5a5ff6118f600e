package dev.sovereign.engine.testmodel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.engine.format.DType;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes a .safetensors file: an 8-byte header length, the JSON header padded to 8 bytes, then raw tensors. */
public final class SafetensorsWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsWriter() {
    }

    /** Each entry's {@code type} must be F32, F16 or BF16. */
    public static void write(Path file, List<GgufWriter.Entry> tensors) {
        ObjectNode header = JSON.createObjectNode();
        header.putObject("__metadata__").put("format", "pt");
        long offset = 0;
        byte[][] data = new byte[tensors.size()][];
        for (int i = 0; i < tensors.size(); i++) {
            GgufWriter.Entry t = tensors.get(i);
            if (t.type() != DType.F32 && t.type() != DType.F16 && t.type() != DType.BF16) {
                throw new IllegalArgumentException("safetensors holds F32, F16 or BF16, not " + t.type());
            }
            data[i] = GgufWriter.encode(t);
            ObjectNode info = header.putObject(t.name());
            info.put("dtype", t.type().name());
            var shape = info.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            info.putArray("data_offsets").add(offset).add(offset + data[i].length);
            offset += data[i].length;
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
            out.write(json);
            out.write(" ".repeat(padded - json.length).getBytes(StandardCharsets.US_ASCII));
            for (byte[] d : data) {
                out.write(d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
