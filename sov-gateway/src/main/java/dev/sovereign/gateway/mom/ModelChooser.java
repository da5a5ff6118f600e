package dev.sovereign.gateway.mom;

import dev.sovereign.api.openai.ChatMessage;
import java.util.List;

/**
 * Picks a concrete model for a request sent to a virtual model such as {@code MoM}. The
 * semantic router (module sov-router) implements it; the gateway depends only on this seam.
 */
public interface ModelChooser {

    /** The virtual model names this chooser answers for, as listed in {@code /v1/models}. */
    List<String> virtualModels();

    /** The model to serve {@code messages} with, one the gateway's catalog knows. */
    String choose(String virtualModel, List<ChatMessage> messages);
}
