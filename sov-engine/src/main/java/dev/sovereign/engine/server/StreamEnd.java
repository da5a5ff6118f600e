package dev.sovereign.engine.server;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Ends a stream that broke after its headers were sent: the sequence is cancelled so its blocks come back at once. */
final class StreamEnd {

    private static final Logger LOG = LoggerFactory.getLogger(StreamEnd.class);

    private StreamEnd() {
    }

    static void failed(Generation generation, Exception cause) {
        generation.cancel();
        LOG.debug("stream ended early: {}", cause.toString());
    }
}
