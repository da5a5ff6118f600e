package dev.sovereign.gateway.routing;

import dev.sovereign.gateway.upstream.Backend;

/** One place a request can go: a backend and the model name that backend knows it by. */
public record Target(Backend backend, String upstreamModel) {
}
