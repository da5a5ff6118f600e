package dev.sovereign.engine.format.safetensors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sovereign.engine.format.DType;
import dev.sovereign.engine.format.ModelFormatException;
import dev.sovereign.engine.format.Tensor;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** One memory-mapped .safetensors file: an 8-byte header length, a JSON header, then raw little-endian tensors. */
public final class SafetensorsFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Tensor> tensors;

    private SafetensorsFile(Map<String, Tensor> tensors) {
        this.tensors = tensors;
    }

    public Map<String, Tensor> tensors() {
        return tensors;
    }

    public static SafetensorsFile open(Path path) {
        String name = String.valueOf(path.getFileName());
        MemorySegment file;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            file = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), Arena.ofAuto());
        } catch (NoSuchFileException e) {
            throw new ModelFormatException("safetensors file not found: " + path);
        } catch (IOException e) {
            throw new ModelFormatException("cannot read safetensors file " + path + ": " + e.getMessage(), e);
        }
        if (file.byteSize() < 8) {
            throw new ModelFormatException("safetensors file " + name + " is truncated: no header");
        }
        long headerLength = file.get(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0);
        if (headerLength <= 0 || headerLength > file.byteSize() - 8 || headerLength > 100_000_000) {
            throw new ModelFormatException("safetensors file " + name + " is truncated or corrupt: header length "
                    + headerLength + " does not fit a file of " + file.byteSize() + " bytes");
        }
        JsonNode header;
        try {
            byte[] bytes = file.asSlice(8, headerLength).toArray(ValueLayout.JAVA_BYTE);
            header = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new ModelFormatException("safetensors file " + name + " has a corrupt JSON header: "
                    + e.getOriginalMessage());
        }
        long dataStart = 8 + headerLength;
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().equals("__metadata__")) {
                continue;
            }
            tensors.put(entry.getKey(), tensor(entry.getKey(), entry.getValue(), file, dataStart, name));
        }
        return new SafetensorsFile(tensors);
    }

    private static Tensor tensor(String tensorName, JsonNode info, MemorySegment file, long dataStart, String name) {
        String dtype = info.path("dtype").asText();
        DType type = switch (dtype) {
            case "F32" -> DType.F32;
            case "F16" -> DType.F16;
            case "BF16" -> DType.BF16;
            default -> throw new ModelFormatException("unsupported dtype " + dtype + " for tensor " + tensorName
                    + " in " + name + " (supported: F32, F16, BF16)");
        };
        JsonNode shapeNode = info.path("shape");
        long[] shape = new long[shapeNode.size()];
        long elements = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong();
            elements *= shape[i];
        }
        long begin = info.path("data_offsets").path(0).asLong(-1);
        long end = info.path("data_offsets").path(1).asLong(-1);
        if (begin < 0 || end - begin != type.bytesFor(elements)) {
            throw new ModelFormatException("safetensors file " + name + " is corrupt: tensor " + tensorName
                    + " has data_offsets that do not match its shape");
        }
        if (dataStart + end > file.byteSize()) {
            throw new ModelFormatException("safetensors file " + name + " is truncated: tensor " + tensorName
                    + " ends at byte " + (dataStart + end) + " but the file has " + file.byteSize());
        }
        return new Tensor(tensorName, type, shape.length == 0 ? new long[] {1} : shape,
                file.asSlice(dataStart + begin, end - begin));
    }
}
