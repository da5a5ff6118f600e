package dev.sovereign.k8s.crd;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelFunctionBinding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates CRD validation rules the way the API server would: {@code self} is the (defaulted)
 * value of the field the rule is attached to, with Kubernetes' list {@code sum()} extension,
 * which standard CEL lacks, registered as a function.
 */
final class KubernetesCel {

    private final Cel cel = CelFactory.standardCelBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("self", SimpleType.DYN)
            .addFunctionDeclarations(CelFunctionDecl.newFunctionDeclaration("sum",
                    CelOverloadDecl.newMemberOverload("list_sum_int", SimpleType.INT, ListType.create(SimpleType.DYN))))
            .addFunctionBindings(CelFunctionBinding.from("list_sum_int", List.class, KubernetesCel::sum))
            .build();

    /** True when the rule holds for {@code self}. */
    boolean holds(String rule, Object self) {
        try {
            return (Boolean) cel.createProgram(cel.compile(rule).getAst()).eval(Map.of("self", celValue(self)));
        } catch (Exception e) {
            throw new IllegalStateException("CEL rule failed to run: " + rule + ": " + e.getMessage(), e);
        }
    }

    /** Compiles the rule, throwing if it is not valid CEL. */
    void compile(String rule) throws Exception {
        cel.compile(rule).getAst();
    }

    private static long sum(List<?> values) {
        long total = 0;
        for (Object value : values) {
            total += ((Number) value).longValue();
        }
        return total;
    }

    /** YAML integers arrive as Integer; CEL's int is a Java long. */
    private static Object celValue(Object value) {
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put((String) k, celValue(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(KubernetesCel::celValue).toList();
        }
        return value;
    }
}
