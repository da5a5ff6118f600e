package dev.sovereign.engine.bench.serving;

import java.util.SplittableRandom;

/**
 * Prompts of random common words, a different sequence for every request id from the first word on, so no prompt
 * shares a cached prefix with another (as vLLM's random dataset, which draws token ids; a client that does not know
 * the server's tokenizer can only send text).
 */
final class PromptSynthesizer {

    private static final String[] WORDS = ("time year people way day man thing woman life child world school state "
            + "family student group country problem hand part place case week company system program question work "
            + "government number night point home water room mother area money story fact month lot right study book "
            + "eye job word business issue side kind head house service friend father power hour game line end member "
            + "law car city community name president team minute idea kid body information back parent face others "
            + "level office door health person art war history party result change morning reason research girl guy "
            + "moment air teacher force education river garden window letter paper music market table street summer "
            + "winter light stone bread horse bridge island forest cloud engine signal number answer travel kitchen "
            + "doctor village mountain silver yellow green orange purple quiet happy simple early late open small large "
            + "bright careful gentle honest quick slow strong young old warm cold near far ready").split(" ");

    private PromptSynthesizer() {
    }

    /** {@code words} random words for request {@code id}, the same text for the same id and length. */
    static String text(long id, int words) {
        SplittableRandom random = new SplittableRandom(0x5eed_0000L + id);
        StringBuilder text = new StringBuilder(words * 7);
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }
}
