package dev.sovereign.router.guard;

/**
 * What the jailbreak guard found in a conversation.
 *
 * @param score the highest jailbreak probability of any window (0 when there was no text)
 * @param message index of the message holding that window, -1 when none
 * @param windows how many windows were scored
 * @param tokens how many tokens were read
 * @param rescored how many short messages got a transformer pass ({@link ShortMessageHead})
 * @param tooLong the client-controlled text exceeded {@link JailbreakGuard#MAX_GUARDED_CHARS},
 *        so it was not read and the request must be refused
 */
public record GuardVerdict(double score, int message, int windows, int tokens, int rescored, boolean tooLong) {

    public static GuardVerdict refused() {
        return new GuardVerdict(0, -1, 0, 0, 0, true);
    }
}
