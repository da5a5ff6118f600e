package dev.sovereign.router.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sovereign.router.Decision;
import dev.sovereign.router.RouteRequest;
import dev.sovereign.router.SemanticRouter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: the real system prompts of OpenCode and Continue's CLI, read at test time from the
 * npm packages that {@code ./test} installs under tools/npm (never copied into the repository),
 * pass the guard. They are JavaScript template literals inside the packages: OpenCode's inside
 * its compiled binary, Continue's inside its bundle.
 */
public class ClientSystemPromptsTest {

    private static final Path NODE_MODULES = Path.of(System.getProperty("user.dir")).getParent()
            .resolve("tools/npm/node_modules");
    private static final SemanticRouter ROUTER = SemanticRouter.withDefaultConfig();
    private static final String ASK = "The test in src/cart.test.ts fails since my last commit; find out why and fix it.";

    @Test
    void openCodesSystemPromptsPass() throws IOException {
        Path binary = NODE_MODULES.resolve("opencode-linux-x64/bin/opencode");
        assumeTrue(Files.isDirectory(NODE_MODULES), "npm clients not installed (./test installs them)");
        if (!Files.exists(binary)) {
            binary = NODE_MODULES.resolve("opencode-linux-x64-baseline/bin/opencode");
        }
        List<String> prompts = templateLiterals(Files.readAllBytes(binary), "You are opencode", "You are OpenCode");
        assertThat(prompts).as("OpenCode's system prompts in %s", binary).hasSizeGreaterThanOrEqualTo(4);
        assertAllPass(prompts);
    }

    @Test
    void continuesSystemPromptsPass() throws IOException {
        assumeTrue(Files.isDirectory(NODE_MODULES), "npm clients not installed (./test installs them)");
        Path bundle = NODE_MODULES.resolve("@continuedev/cli/dist/index.js");
        byte[] file = Files.readAllBytes(bundle);
        List<String> base = templateLiterals(file, "You are an agent in the Continue CLI");
        // the CLI appends a section per mode to its base prompt
        List<String> modes = templateLiterals(file, "\n<context name=\"planMode\">", "\n\nIMPORTANT: You are operating in");
        assertThat(base).as("Continue's base system prompt in %s", bundle).hasSize(1);
        assertThat(modes).as("Continue's mode sections in %s", bundle).hasSizeGreaterThanOrEqualTo(2);
        List<String> prompts = new ArrayList<>(base);
        modes.forEach(m -> prompts.add(base.getFirst() + m));
        assertAllPass(prompts);
    }

    private static void assertAllPass(List<String> prompts) {
        for (String prompt : prompts) {
            assertThat(prompt.length()).isGreaterThan(500);
            Decision d = ROUTER.decide(new RouteRequest(List.of(new RouteRequest.Message("system", prompt, 0),
                    new RouteRequest.Message("user", ASK, 0))));
            assertThat(d.blocked()).as("score %.2f for the prompt starting %s", d.jailbreakScore(),
                    prompt.substring(0, 80)).isFalse();
        }
    }

    /**
     * Every template literal (between unescaped backticks) that starts with one of {@code starts},
     * with its escapes undone and each {@code ${...}} placeholder replaced by a plausible value.
     */
    public static List<String> templateLiterals(byte[] file, String... starts) {
        List<String> out = new ArrayList<>();
        for (String start : starts) {
            byte[] needle = ("`" + start).getBytes(StandardCharsets.UTF_8);
            for (int at = indexOf(file, needle, 0); at >= 0; at = indexOf(file, needle, at + 1)) {
                int end = at + 1;
                while (end < file.length && !(file[end] == '`' && file[end - 1] != '\\')) {
                    end++;
                }
                String literal = new String(file, at + 1, end - at - 1, StandardCharsets.UTF_8);
                out.add(literal.replaceAll("\\$\\{[^}]*}", "main")
                        .replace("\\`", "`").replace("\\n", "\n").replace("\\u2019", "\u2019").replace("\\\\", "\\"));
            }
        }
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
