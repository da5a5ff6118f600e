package dev.sovereign.platform.store;

/**
 * Anything the weight store cannot do, said in one line a user can act on: it names the
 * repository@revision, the file or folder concerned and, where there is one, what to do next.
 */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
