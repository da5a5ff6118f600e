package dev.sovereign.platform.store;

/** The hub did not answer at all (connection refused, DNS, timeout): the store may fall back to a local copy. */
final class HubUnreachableException extends StoreException {

    HubUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
