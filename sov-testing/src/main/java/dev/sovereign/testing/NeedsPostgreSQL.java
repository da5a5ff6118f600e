package dev.sovereign.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The local PostgreSQL the state tests use: 127.0.0.1:5432, user {@code postgres}, database {@code test}, trust
 * authentication ({@code .ci/run} starts it on CI).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@NeedsService(value = "PostgreSQL", host = NeedsPostgreSQL.HOST, port = NeedsPostgreSQL.PORT)
public @interface NeedsPostgreSQL {
    String HOST = "127.0.0.1";
    int PORT = 5432;
    String JDBC_URL = "jdbc:postgresql://" + HOST + ":" + PORT + "/test";
    String USER = "postgres";
}
