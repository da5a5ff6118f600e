package dev.sovereign.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test (method or class) reads these files or folders of the shared data folder, given relative to it (e.g.
 * {@code "fixtures/gguf/llama-2-tiny-random.gguf"}). When one is absent the test is skipped with a one-line reason
 * naming it; under {@code CI=true} or {@code SOV_REQUIRE_SHARED=1} it fails instead, so CI never skips silently.
 * Read the files through {@link SharedData#file(String)}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(SharedDataCondition.class)
public @interface NeedsSharedData {

    /** Paths relative to the shared folder. */
    String[] value();
}
