package dev.sovereign.eval.assertion;

import org.mozilla.javascript.Callable;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.ContextFactory;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.NativeJSON;
import org.mozilla.javascript.Scriptable;

/**
 * Runs untrusted assertion code in Rhino with no host access: only the ECMAScript standard objects
 * (no {@code java}, {@code Packages}, no class loading: every Java class is shut out), in interpreted
 * mode so an instruction observer can stop it after a wall-clock limit.
 */
final class JsSandbox {

    private static final int CHECK_EVERY_INSTRUCTIONS = 10_000;

    private final long limitMs;
    private final ContextFactory factory = new LimitedFactory();

    JsSandbox(long limitMs) {
        this.limitMs = limitMs;
    }

    /** Thrown when the script ran past its time limit. */
    static final class TimeLimitExceeded extends Error {
        TimeLimitExceeded(long ms) {
            super("script ran longer than " + ms + " ms");
        }
    }

    /** A JavaScript value converted back to plain Java: Boolean, Double, String, or a JSON string for objects. */
    record Value(Object plain, String json, boolean isObject) {
    }

    /**
     * Calls {@code function(param0, param1) { body }} with arguments given as JSON text (parsed inside the
     * sandbox, so the script sees plain JavaScript values).
     */
    Value call(String[] params, String body, String[] jsonArgs) {
        Context cx = factory.enterContext();
        try {
            cx.setLanguageVersion(Context.VERSION_ES6);
            cx.setInterpretedMode(true);
            cx.setInstructionObserverThreshold(CHECK_EVERY_INSTRUCTIONS);
            cx.setClassShutter(className -> false);
            cx.putThreadLocal(Deadline.class, new Deadline(System.nanoTime() + limitMs * 1_000_000L, limitMs));
            Scriptable scope = cx.initSafeStandardObjects();
            String source = "(function(" + String.join(", ", params) + ") {\n" + body + "\n})";
            Function fn = (Function) cx.evaluateString(scope, source, "assertion", 0, null);
            Object[] args = new Object[jsonArgs.length];
            Callable noReviver = (c, s, t, a) -> a[1];
            for (int i = 0; i < jsonArgs.length; i++) {
                args[i] = NativeJSON.parse(cx, scope, jsonArgs[i], noReviver);
            }
            Object result = fn.call(cx, scope, scope, args);
            if (result instanceof Scriptable object && !(result instanceof Function)) {
                Object json = NativeJSON.stringify(cx, scope, object, null, null);
                return new Value(null, Context.toString(json), true);
            }
            if (result instanceof Boolean b) {
                return new Value(b, null, false);
            }
            if (result instanceof Number n) {
                return new Value(n.doubleValue(), null, false);
            }
            return new Value(result == null || result == org.mozilla.javascript.Undefined.instance ? null : Context.toString(result), null, false);
        } finally {
            Context.exit();
        }
    }

    private record Deadline(long atNanos, long limitMs) {
    }

    private static final class LimitedFactory extends ContextFactory {
        @Override
        protected void observeInstructionCount(Context cx, int instructionCount) {
            Deadline deadline = (Deadline) cx.getThreadLocal(Deadline.class);
            if (deadline != null && System.nanoTime() > deadline.atNanos()) {
                throw new TimeLimitExceeded(deadline.limitMs());
            }
        }
    }
}
