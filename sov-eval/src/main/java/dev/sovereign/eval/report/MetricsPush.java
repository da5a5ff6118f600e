package dev.sovereign.eval.report;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * POSTs the metrics text to an import URL, e.g. VictoriaMetrics' {@code /api/v1/import/prometheus}
 * (what the reference CronJob does with curl) or a Pushgateway job URL.
 */
public final class MetricsPush {

    private MetricsPush() {
    }

    public static void push(String url, String metrics) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/plain; version=0.0.4")
                .POST(HttpRequest.BodyPublishers.ofString(metrics))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IOException("cannot push metrics to " + url + ": " + e.getMessage(), e);
        }
        if (response.statusCode() >= 300) {
            throw new IOException("pushing metrics to " + url + " failed: HTTP " + response.statusCode());
        }
    }
}
