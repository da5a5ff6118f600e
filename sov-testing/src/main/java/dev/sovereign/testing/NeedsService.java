package dev.sovereign.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The test (method or class) talks to a service this machine may lack. When nothing accepts a TCP connection at
 * {@code host:port} the test is skipped with a one-line reason naming the service; under {@code CI=true} or
 * {@code SOV_REQUIRE_SERVICES=1} it fails instead. Also usable as a meta-annotation ({@link NeedsPostgreSQL}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(ServiceCondition.class)
public @interface NeedsService {

    /** What the service is, for the reason line (e.g. "PostgreSQL"). */
    String value();

    String host() default "127.0.0.1";

    int port();
}
