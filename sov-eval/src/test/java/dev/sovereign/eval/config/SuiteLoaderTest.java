package dev.sovereign.eval.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading suites: file references, defaultTest merging, and errors that name the file, test index and field. */
class SuiteLoaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private Suite load(String yaml) throws Exception {
        return new SuiteLoader(Map.of("SOV_KEY", "from-env")).load(write("suite.yaml", yaml));
    }

    @Test
    void mergesDefaultTestAndReadsFileReferences() throws Exception {
        write("prompt.txt", "Q: {{question}}\n---\nAnswer briefly: {{question}}");
        write("context.txt", "Paris is in France.\n");
        write("more.csv", "question,__expected,__description,__metadata:category\nWhat is 2+2?,contains:4,sum,math\nSay hi,hi,greet,chat\n");
        Suite suite = load("""
                prompts: [file://prompt.txt]
                providers:
                  - id: openai:completion:base
                    config: { apiBaseUrl: http://127.0.0.1:1/v1, apiKey: '{{ env.SOV_KEY }}' }
                defaultTest:
                  vars: { context: file://context.txt, question: default }
                  options: { provider: openai:chat:judge }
                  assert: [{ type: not-icontains, value: sorry }]
                tests:
                  - vars: { question: Where is Paris? }
                    assert: [{ type: icontains, value: france, weight: 2, metric: geo }]
                  - file://more.csv
                """);
        assertThat(suite.prompts()).extracting(PromptSpec::raw).containsExactly("Q: {{question}}", "Answer briefly: {{question}}");
        assertThat(suite.providers().getFirst().kind()).isEqualTo(ProviderSpec.Kind.COMPLETION);
        assertThat(suite.providers().getFirst().config().get("apiKey").asText()).isEqualTo("from-env");
        assertThat(suite.tests()).hasSize(3);
        TestCase first = suite.tests().getFirst();
        assertThat(first.vars().get("context").asText()).isEqualTo("Paris is in France.");
        assertThat(first.vars().get("question").asText()).isEqualTo("Where is Paris?");
        assertThat(first.asserts()).extracting(AssertionSpec::writtenType).containsExactly("not-icontains", "icontains");
        assertThat(first.asserts().get(1).weight()).isEqualTo(2);
        assertThat(first.grader().model()).isEqualTo("judge");
        TestCase csv = suite.tests().get(1);
        assertThat(csv.description()).isEqualTo("sum");
        assertThat(csv.metadata().get("category").asText()).isEqualTo("math");
        assertThat(csv.asserts().get(1).type()).isEqualTo("contains");
        assertThat(csv.asserts().get(1).value().asText()).isEqualTo("4");
        assertThat(suite.tests().get(2).asserts().get(1).type()).isEqualTo("equals");
    }

    @Test
    void scalarsFollowJsYamlNotYaml11() throws Exception {
        Suite suite = load("""
                prompts: ["{{a}} {{b}} {{c}}"]
                providers: [openai:chat:m]
                tests: [{ vars: { a: yes, b: NO, c: 2026-11-27 } }]
                """);
        assertThat(suite.tests().getFirst().vars().get("a").isTextual()).isTrue();
        assertThat(suite.tests().getFirst().vars().get("b").asText()).isEqualTo("NO");
        assertThat(suite.tests().getFirst().vars().get("c").asText()).isEqualTo("2026-11-27");
    }

    @Test
    void unknownAssertionTypeNamesFileTestAndField() {
        assertThatThrownBy(() -> load("""
                prompts: ["{{q}}"]
                providers: [openai:chat:m]
                tests:
                  - vars: { q: a }
                  - vars: { q: b }
                    assert: [{ type: icontains, value: x }, { type: containz, value: y }]
                """)).isInstanceOf(SuiteException.class)
                .hasMessageContaining("suite.yaml").hasMessageContaining("tests[1].assert[1].type")
                .hasMessageContaining("unknown assertion type 'containz'");
    }

    @Test
    void missingVarNamesTheTestAndTheVar() {
        assertThatThrownBy(() -> load("""
                prompts: ["Translate {{text}} to {{language}}"]
                providers: [openai:chat:m]
                tests:
                  - vars: { text: hello, language: French }
                  - vars: { text: bye }
                """)).hasMessageContaining("tests[1].vars.language: missing");
    }

    @Test
    void unreadableFileIsNamed() {
        assertThatThrownBy(() -> load("""
                prompts: ["{{q}}"]
                providers: [openai:chat:m]
                tests: file://nowhere/tests.yaml
                """)).hasMessageContaining("tests.yaml: file not found");
    }

    @Test
    void malformedYamlNamesFileAndLine() {
        assertThatThrownBy(() -> load("""
                prompts: ["{{q}}"]
                providers: [openai:chat:m
                tests: []
                """)).hasMessageContaining("suite.yaml:").hasMessageContaining("malformed YAML");
    }

    @Test
    void badFieldsAreNamed() {
        assertThatThrownBy(() -> load("""
                prompts: ["x"]
                providers: [anthropic:messages:claude]
                """)).hasMessageContaining("providers[0]").hasMessageContaining("unsupported provider");
        assertThatThrownBy(() -> load("""
                prompts: ["x"]
                providers: [openai:chat:m]
                tests: [{ assert: [{ type: latency, threshold: fast }] }]
                """)).hasMessageContaining("tests[0].assert[0].threshold: must be a number");
        assertThatThrownBy(() -> load("""
                prompts: ["x"]
                providers: [openai:chat:m]
                evaluateOptions: { maxConcurrency: -2 }
                """)).hasMessageContaining("evaluateOptions.maxConcurrency");
        assertThatThrownBy(() -> load("""
                prompts: ["x"]
                providers: [openai:chat:m]
                tests: [{ options: { transform: output.trim() } }]
                """)).hasMessageContaining("tests[0].options.transform: not supported");
    }
}
