package dev.sovereign.engine.bench.serving;

import com.fasterxml.jackson.databind.node.TextNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A load generator for any OpenAI-compatible server: per concurrency level, a fixed number of streamed requests with
 * at most that many in flight (vLLM's {@code --max-concurrency} at an infinite request rate), each with a fresh
 * prompt of about the wanted token count and a fixed {@code max_tokens}.
 */
public final class ServingLoad {

    /**
     * @param requests per level; 0: twice the level, at least 4
     * @param apiKey   null: none
     */
    public record Options(URI url, String model, Endpoint endpoint, List<Integer> concurrency, int promptTokens,
            int outputTokens, int requests, String apiKey, Duration timeout) {

        public int requestsAt(int level) {
            return requests > 0 ? requests : Math.max(4, 2 * level);
        }
    }

    /**
     * @param ignoreEos whether the server took {@code ignore_eos}; without it requests may stop before max_tokens
     * @param words     words per prompt found by sizing
     */
    public record Report(Options options, boolean ignoreEos, int words, int sizedPromptTokens, List<LevelMetrics> levels) {
    }

    private ServingLoad() {
    }

    public static Report run(Options options, Consumer<String> progress) throws InterruptedException {
        OpenAiStreamClient client = new OpenAiStreamClient(options.url(), options.endpoint(), options.apiKey(),
                options.timeout());
        boolean ignoreEos = acceptsIgnoreEos(client, options, progress);
        progress.accept("sizing prompts to " + options.promptTokens() + " tokens by the server's usage.prompt_tokens");
        // one id for every probe: each probe's prompt extends the last, so the token count grows with the words
        int words = PromptSizer.wordsFor(options.promptTokens(), n -> PromptSizer.promptTokens(client, options.model(),
                PromptSynthesizer.text(-1, n), ignoreEos));
        int sized = PromptSizer.promptTokens(client, options.model(), PromptSynthesizer.text(-1, words), ignoreEos);
        progress.accept(String.format(Locale.ROOT, "%d words make %d prompt tokens; warming up with one request", words, sized));
        RequestRecord warm = client.stream(client.body(options.model(), TextNode.valueOf(PromptSynthesizer.text(-2, words)),
                options.outputTokens(), ignoreEos, true));
        if (!warm.succeeded()) {
            throw new IllegalStateException("the warm-up request failed: " + warm.error());
        }
        List<LevelMetrics> levels = new ArrayList<>();
        long nextId = 0;
        for (int level : options.concurrency()) {
            int count = options.requestsAt(level);
            progress.accept(String.format(Locale.ROOT, "concurrency %d: %d requests", level, count));
            levels.add(level(client, options, level, count, nextId, words, ignoreEos));
            nextId += count;
        }
        return new Report(options, ignoreEos, words, sized, levels);
    }

    /**
     * Sends {@code ignore_eos} once; a server that refuses it by name (a strict OpenAI server) is measured without it,
     * and the report then counts the requests that stopped before max_tokens.
     */
    private static boolean acceptsIgnoreEos(OpenAiStreamClient client, Options options, Consumer<String> progress) {
        String probe = PromptSynthesizer.text(-3, 8);
        try {
            PromptSizer.promptTokens(client, options.model(), probe, true);
            return true;
        } catch (ServerRefusedException e) {
            if (!e.getMessage().contains("ignore_eos")) {
                throw e;
            }
            progress.accept("the server refuses ignore_eos (" + e.getMessage() + "); measuring without it: requests may "
                    + "stop before max_tokens, and output tok/s counts the tokens actually produced");
            PromptSizer.promptTokens(client, options.model(), probe, false);
            return false;
        }
    }

    private static LevelMetrics level(OpenAiStreamClient client, Options options, int level, int count, long firstId,
            int words, boolean ignoreEos) throws InterruptedException {
        List<TextNode> prompts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            prompts.add(TextNode.valueOf(PromptSynthesizer.text(firstId + i, words)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(level, Thread.ofVirtual().factory());
        try {
            long start = System.nanoTime();
            List<Future<RequestRecord>> running = new ArrayList<>();
            for (TextNode prompt : prompts) {
                running.add(pool.submit(() -> client.stream(client.body(options.model(), prompt, options.outputTokens(),
                        ignoreEos, true))));
            }
            List<RequestRecord> records = new ArrayList<>();
            for (Future<RequestRecord> f : running) {
                records.add(result(f));
            }
            double duration = (System.nanoTime() - start) / 1e9;
            return LevelMetrics.of(level, records, duration, options.outputTokens());
        } finally {
            pool.shutdownNow();
        }
    }

    private static RequestRecord result(Future<RequestRecord> f) throws InterruptedException {
        try {
            return f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            return RequestRecord.failed(String.valueOf(e.getCause()), 0);
        }
    }
}
