package dev.sovereign.eval.run;

/** Told after each row finishes; the CLI draws a progress line on a terminal. */
@FunctionalInterface
public interface Progress {
    Progress NONE = (done, total, last) -> { };

    void finished(int done, int total, EvalResult last);
}
