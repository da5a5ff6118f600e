package dev.sovereign.k8s.eval;

/**
 * How the nightly evaluation runs in the cluster. Defaults are the reference platform's
 * Promptfoo CronJob (seed-platform §4), with {@code sov eval} in place of Node.js.
 *
 * @param name         name of the CronJob and its ConfigMap
 * @param namespace    where they go
 * @param schedule     cron schedule
 * @param timeZone     IANA zone the schedule is read in
 * @param image        image whose entrypoint is {@code sov}
 * @param gatewayUrl   OpenAI base URL every provider is sent to; null keeps the suite's own
 * @param pushUrl      metrics import URL (VictoriaMetrics text import); null writes them to /work only
 * @param apiKeySecret Secret holding OPENAI_API_KEY, loaded with envFrom
 */
public record EvalCronJobOptions(
        String name,
        String namespace,
        String schedule,
        String timeZone,
        String image,
        String gatewayUrl,
        String pushUrl,
        String apiKeySecret) {

    public static final String DEFAULT_SCHEDULE = "0 2 * * *";
    public static final String DEFAULT_TIME_ZONE = "Europe/Paris";
    public static final String DEFAULT_PUSH_URL =
            "http://vmsingle-victoria-metrics-k8s-stack.observability.svc.cluster.local:8428/api/v1/import/prometheus";
    public static final String DEFAULT_IMAGE = "sovereign/sov:0.1.0";
    public static final String DEFAULT_NAMESPACE = "promptfoo";
    public static final String DEFAULT_SECRET = "promptfoo-llm-api-key";

    public EvalCronJobOptions {
        if (schedule == null || schedule.trim().split("\\s+").length != 5) {
            throw new IllegalArgumentException("--schedule: need five cron fields, e.g. \"0 2 * * *\", got: " + schedule);
        }
        if (!name.matches("[a-z0-9]([-a-z0-9]{0,40}[a-z0-9])?")) {
            throw new IllegalArgumentException("--eval-name: a DNS label of at most 42 characters, got: " + name);
        }
        if (gatewayUrl != null && !gatewayUrl.matches("https?://.+")) {
            throw new IllegalArgumentException("--gateway-url: an http(s) URL, got: " + gatewayUrl);
        }
        if (pushUrl != null && !pushUrl.matches("https?://.+")) {
            throw new IllegalArgumentException("--push-url: an http(s) URL, got: " + pushUrl);
        }
    }

    /** The name derived from a suite file: {@code sov-tiny.yaml} gives {@code eval-sov-tiny}. */
    public static String nameFor(String suiteFileName) {
        String stem = suiteFileName.replaceFirst("\\.(ya?ml|json)$", "").toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        String name = "eval-" + stem;
        return name.length() > 42 ? name.substring(0, 42).replaceAll("-+$", "") : name;
    }
}
