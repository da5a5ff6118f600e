package dev.sovereign.engine.format.gguf;

import dev.sovereign.engine.format.DType;
import dev.sovereign.engine.format.ModelFormatException;
import dev.sovereign.engine.format.Tensor;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A GGUF v2/v3 file, memory-mapped: metadata is decoded into Java values, tensors stay in the mapping (no heap
 * copy). The mapping lives as long as the JVM (an automatic arena), so tensors never outlive their memory.
 */
public final class GgufFile {

    private static final int MAGIC = 0x46554747; // "GGUF" read as a little-endian int
    private static final int DEFAULT_ALIGNMENT = 32;

    private final Path path;
    private final int version;
    private final Map<String, Object> metadata;
    private final Map<String, Tensor> tensors;

    private GgufFile(Path path, int version, Map<String, Object> metadata, Map<String, Tensor> tensors) {
        this.path = path;
        this.version = version;
        this.metadata = metadata;
        this.tensors = tensors;
    }

    public static GgufFile open(Path path) {
        MemorySegment file;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            file = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), Arena.ofAuto());
        } catch (NoSuchFileException e) {
            throw new ModelFormatException("GGUF file not found: " + path);
        } catch (IOException e) {
            throw new ModelFormatException("cannot read GGUF file " + path + ": " + e.getMessage(), e);
        }
        return parse(file, path);
    }

    private static GgufFile parse(MemorySegment file, Path path) {
        String name = String.valueOf(path.getFileName());
        GgufReader in = new GgufReader(file, name);
        if (file.byteSize() < 4 || in.i32() != MAGIC) {
            throw new ModelFormatException("not a GGUF file (bad magic): " + name);
        }
        int version = in.i32();
        if (version != 2 && version != 3) {
            throw new ModelFormatException("unsupported GGUF version " + version + " in " + name + " (supported: 2, 3)");
        }
        int tensorCount = in.count(24, "tensor");
        int kvCount = in.count(12, "metadata key");
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (int i = 0; i < kvCount; i++) {
            String key = in.string();
            metadata.put(key, in.value(in.i32()));
        }
        record Info(String name, long[] shape, int type, long offset) {
        }
        Info[] infos = new Info[tensorCount];
        for (int i = 0; i < tensorCount; i++) {
            String tensorName = in.string();
            int dims = in.i32();
            if (dims < 1 || dims > 4) {
                throw new ModelFormatException("GGUF file " + name + " is corrupt: tensor " + tensorName + " has "
                        + dims + " dimensions");
            }
            long[] shape = new long[dims];
            for (int d = 0; d < dims; d++) {
                shape[dims - 1 - d] = in.i64(); // GGUF lists the innermost dimension first
            }
            infos[i] = new Info(tensorName, shape, in.i32(), in.i64());
        }
        int alignment = metadata.get("general.alignment") instanceof Integer a ? a : DEFAULT_ALIGNMENT;
        long dataStart = (in.position() + alignment - 1) / alignment * alignment;
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Info info : infos) {
            DType type = GgmlType.of(info.type(), info.name());
            long elements = 1;
            for (long d : info.shape()) {
                elements *= d;
            }
            long bytes = type.bytesFor(elements);
            long start = dataStart + info.offset();
            if (start < dataStart || start + bytes > file.byteSize()) {
                throw new ModelFormatException("GGUF file " + name + " is truncated: tensor " + info.name()
                        + " ends at byte " + (start + bytes) + " but the file has " + file.byteSize());
            }
            tensors.put(info.name(), new Tensor(info.name(), type, info.shape(), file.asSlice(start, bytes)));
        }
        return new GgufFile(path, version, Collections.unmodifiableMap(metadata), Collections.unmodifiableMap(tensors));
    }

    public Path path() {
        return path;
    }

    public int version() {
        return version;
    }

    /**
     * Metadata keys to values: strings, {@code Integer} (32-bit and smaller ints), {@code Long} (64-bit ints),
     * {@code Float}, {@code Double}, {@code Boolean}; arrays as {@code List<String>}, {@code int[]}, {@code float[]}
     * or {@code List<Object>}.
     */
    public Map<String, Object> metadata() {
        return metadata;
    }

    public Map<String, Tensor> tensors() {
        return tensors;
    }

    public Tensor tensor(String name) {
        Tensor t = tensors.get(name);
        if (t == null) {
            throw new ModelFormatException("GGUF file " + path.getFileName() + " has no tensor " + name);
        }
        return t;
    }
}
