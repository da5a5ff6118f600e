package dev.sovereign.spec.validation;

import java.util.List;
import java.util.function.Function;

/**
 * A cross-field rule, written twice on purpose and kept side by side: as Java for
 * {@code sov validate}, and as a CEL expression over {@code self} (the object the rule is
 * attached to) for the Kubernetes CRD's {@code x-kubernetes-validations}. Tests run both on
 * the same cases so they cannot disagree.
 *
 * @param name      stable identifier, e.g. {@code min-replicas-at-most-max}
 * @param scope     the field whose schema carries the CEL rule, relative to the document's
 *                  {@code spec} ("" for the spec itself); {@code self} is that field's value
 * @param fieldPath the field the CRD reports the error on, relative to {@code self}
 * @param cel       the CEL expression; true means valid
 * @param message   the message both report
 * @param check     the Java check: the violations found, each with its precise path
 */
public record Rule<T>(String name, String scope, String fieldPath, String cel, String message, Function<T, List<Violation>> check) {

    /** One place where a rule does not hold. */
    public record Violation(String path, String message) {
    }
}
