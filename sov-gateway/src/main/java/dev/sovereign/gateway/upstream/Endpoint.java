package dev.sovereign.gateway.upstream;

import dev.sovereign.gateway.balance.EndpointLoad;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/** One replica of a backend: its base URL, its last scraped load and the requests in flight to it. */
public final class Endpoint {

    private final URI base;
    private volatile EndpointLoad load = EndpointLoad.UNKNOWN;
    private final AtomicInteger inFlight = new AtomicInteger();

    public Endpoint(URI base) {
        String text = base.toString();
        this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    public URI base() {
        return base;
    }

    public URI resolve(String path) {
        return URI.create(base + path);
    }

    public EndpointLoad load() {
        return load;
    }

    public void load(EndpointLoad newLoad) {
        this.load = newLoad;
    }

    public AtomicInteger inFlight() {
        return inFlight;
    }

    @Override
    public String toString() {
        return base.toString();
    }
}
