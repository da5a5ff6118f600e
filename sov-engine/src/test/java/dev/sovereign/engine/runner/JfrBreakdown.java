package dev.sovereign.engine.runner;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Sorts the CPU samples and allocation samples of a JFR recording of the engine into the parts of a serving step:
 * the weight matmuls of the layers, attention, the LM head, the other layer operations, sampling,
 * detokenisation, the scheduler, the rest of the engine, and code outside the engine. A sample counts for the part
 * of the innermost engine frame on its stack, except that everything under the LM head counts for the LM head.
 */
final class JfrBreakdown {

    static final List<String> PARTS = List.of("matmul (layers)", "attention", "LM head", "other layer ops",
            "worker hand-off", "sampling", "detokenisation", "scheduler", "rest of the engine", "outside the engine");

    private static final Set<String> MATMUL_CLASSES = Set.of("WeightMatrix", "QuantizedTiles", "RowDot",
            "DecodedPanels", "QuantizedBlocks", "LegacyBlocks", "KQuantBlocks", "Quantizer", "LaneSums");

    final Map<String, Long> cpuSamples = emptyParts();
    final Map<String, Long> allocatedBytes = emptyParts();
    long gcPauseNanos;
    long gcCount;

    private static Map<String, Long> emptyParts() {
        Map<String, Long> parts = new LinkedHashMap<>();
        PARTS.forEach(p -> parts.put(p, 0L));
        return parts;
    }

    static JfrBreakdown read(Path recording) throws IOException {
        JfrBreakdown b = new JfrBreakdown();
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            switch (e.getEventType().getName()) {
                case "jdk.ExecutionSample" -> b.cpuSamples.merge(part(e.getStackTrace()), 1L, Long::sum);
                case "jdk.ObjectAllocationSample" ->
                        b.allocatedBytes.merge(part(e.getStackTrace()), e.getLong("weight"), Long::sum);
                case "jdk.GarbageCollection" -> {
                    b.gcPauseNanos += e.getLong("sumOfPauses");
                    b.gcCount++;
                }
                default -> { }
            }
        }
        return b;
    }

    static String part(RecordedStackTrace stack) {
        if (stack == null) {
            return "outside the engine";
        }
        String innermost = null;
        String innermostMethod = null;
        for (RecordedFrame frame : stack.getFrames()) {
            String type = frame.getMethod().getType().getName();
            String method = frame.getMethod().getName();
            if (type.endsWith(".Transformer") && method.equals("logitsOfLastRows")) {
                return "LM head";
            }
            if (innermost == null && type.startsWith("dev.sovereign.engine.")) {
                innermost = type;
                innermostMethod = method;
            }
        }
        if (innermost == null) {
            return "outside the engine";
        }
        String pkg = innermost.substring("dev.sovereign.engine.".length(), innermost.lastIndexOf('.'));
        String simple = innermost.substring(innermost.lastIndexOf('.') + 1).replaceAll("\\$.*", "");
        return switch (pkg) {
            case "kernel" -> {
                if (simple.equals("Parallel")) {
                    yield "worker hand-off";
                }
                if (simple.equals("GroupAttention") || innermostMethod.contains("ttention")) {
                    yield "attention";
                }
                if (MATMUL_CLASSES.contains(simple) || innermostMethod.startsWith("matmul")) {
                    yield "matmul (layers)";
                }
                yield "other layer ops";
            }
            case "model" -> "other layer ops";
            case "sampling" -> simple.equals("StopStrings") ? "detokenisation" : "sampling";
            case "tokenizer" -> "detokenisation";
            case "scheduler" -> "scheduler";
            default -> "rest of the engine";
        };
    }
}
