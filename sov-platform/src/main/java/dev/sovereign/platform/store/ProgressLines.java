package dev.sovereign.platform.store;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** A pull's progress as lines a person reads on a terminal or in a log: one per file, with running totals. */
public final class ProgressLines implements PullListener {

    private final PrintWriter out;
    private final AtomicLong received = new AtomicLong();
    private final AtomicInteger done = new AtomicInteger();
    private volatile int toFetch;

    public ProgressLines(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void listed(ModelRef ref, String commit, int files, long bytes, int missing) {
        toFetch = missing;
        print("%s is commit %s: %d files, %s; %s", ref, commit, files, size(bytes),
                missing == 0 ? "all present" : missing + " to fetch");
    }

    @Override
    public void fileStarted(String path, long size, long resumeFrom) {
        if (resumeFrom > 0) {
            print("resuming %s at %s of %s", path, size(resumeFrom), size(size));
        }
    }

    @Override
    public void transferred(String path, long bytes) {
        received.addAndGet(bytes);
    }

    @Override
    public void fileDone(String path, long size) {
        print("[%d/%d] %s %s verified (%s received so far)", done.incrementAndGet(), toFetch, path, size(size),
                size(received.get()));
    }

    @Override
    public void note(String message) {
        print("%s", message);
    }

    /** The closing line of a pull. */
    public void finished(PullReport report) {
        String what = switch (report.source()) {
            case DOWNLOADED -> "fetched " + report.filesDownloaded() + " files, " + size(report.bytesDownloaded());
            case ALREADY_COMPLETE -> "already complete, nothing fetched";
            case LOCAL_FOLDER -> "a local folder, used in place";
        };
        print("%s: %s", report.ref(), what);
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private synchronized void print(String format, Object... args) {
        out.println(String.format(Locale.ROOT, format, args));
        out.flush();
    }
}
