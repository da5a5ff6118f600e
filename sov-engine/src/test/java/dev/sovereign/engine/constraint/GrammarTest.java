package dev.sovereign.engine.constraint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The byte-level matcher against hand-picked documents and, for random walks through it, an independent validator. */
class GrammarTest {

    private static Grammar schema(String json) {
        return Grammar.jsonSchema(TestSchemas.tree(json), "schema");
    }

    @Test
    void acceptsValidDocumentsAndRefusesInvalidOnes() {
        Grammar person = schema(TestSchemas.PERSON);
        assertThat(person.accepts("{\"name\": \"Ann\", \"age\": 31, \"role\": \"admin\"}")).isTrue();
        assertThat(person.accepts("{\"name\":\"Ann\",\"age\":-4,\"role\":\"guest\",\"tags\":[\"a\",\"b\"]}")).isTrue();
        assertThat(person.accepts("{\"name\": \"Ann\", \"age\": 31}")).as("required role missing").isFalse();
        assertThat(person.accepts("{\"name\": \"Ann\", \"age\": 3.5, \"role\": \"admin\"}")).as("not an integer").isFalse();
        assertThat(person.accepts("{\"name\": \"Ann\", \"age\": 31, \"role\": \"root\"}")).as("outside the enum").isFalse();
        assertThat(person.accepts("{\"name\": \"Ann\", \"age\": 31, \"role\": \"user\", \"x\": 1}")).as("closed").isFalse();
        assertThat(person.accepts("{\"name\": \"\", \"age\": 1, \"role\": \"user\"}")).as("minLength").isFalse();
        assertThat(person.accepts("{\"name\": \"A\", \"age\": 01, \"role\": \"user\"}")).as("leading zero").isFalse();
        assertThat(person.accepts("{\"name\": \"A\", \"age\": 1, \"role\": \"user\", \"tags\": [\"1\",\"2\",\"3\",\"4\"]}"))
                .as("maxItems").isFalse();
        assertThat(person.accepts("{\"name\": \"A\\u00e9\\n\", \"age\": 1, \"role\": \"user\"}")).as("escapes").isTrue();
        assertThat(person.accepts("{\"name\": \"Zoë\", \"age\": 1, \"role\": \"user\"}")).as("UTF-8").isTrue();
        assertThat(person.accepts("{\"name\": \"A\"")).as("unfinished").isFalse();

        Grammar forecast = schema(TestSchemas.FORECAST);
        assertThat(forecast.accepts("{\"city\": \"Oslo\", \"unit\": \"celsius\", \"forecast\": [{\"day\": \"mon\", "
                + "\"temperature\": -1.5e2, \"rain\": null}, {\"day\": \"tue\", \"temperature\": 0, \"rain\": true}]}")).isTrue();
        assertThat(forecast.accepts("{\"city\": \"Oslo\", \"unit\": \"celsius\", \"forecast\": []}")).as("minItems").isFalse();
    }

    @Test
    void jsonObjectTakesAnyObjectButNothingElse() {
        Grammar any = Grammar.jsonObject();
        assertThat(any.accepts("{\"a\": [1, {\"b\": null}, \"x\", true, -0.5], \"c\": {}}")).isTrue();
        assertThat(any.accepts("{}")).isTrue();
        assertThat(any.accepts("[1]")).isFalse();
        assertThat(any.accepts("{\"a\": tru}")).isFalse();
    }

    @Test
    void toolCallsNameAnOfferedToolAndTheirArgumentsFollowItsSchema() {
        List<Grammar.OfferedTool> tools = List.of(
                new Grammar.OfferedTool("get_weather", TestSchemas.tree("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"), "t0"),
                new Grammar.OfferedTool("get_time", null, "t1"));
        Grammar required = Grammar.toolCall(tools, null, "</tool_call>");
        assertThat(required.accepts("{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}")).isTrue();
        assertThat(required.accepts("{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}</tool_call>")).isTrue();
        assertThat(required.accepts("{\"name\": \"get_time\", \"arguments\": {\"zone\": 1}}")).isTrue();
        assertThat(required.accepts("{\"name\": \"get_weather\", \"arguments\": {}}")).as("city is required").isFalse();
        assertThat(required.accepts("{\"name\": \"send_mail\", \"arguments\": {}}")).as("not offered").isFalse();
        assertThat(required.accepts("{\"name\": \"get_time\", \"arguments\": {}}</tool")).as("half a tag").isFalse();

        Grammar named = Grammar.toolCall(tools, "get_weather", "</tool_call>");
        assertThat(named.accepts("{\"city\": \"Rome\"}}")).isTrue();
        assertThat(named.accepts("{}}")).isFalse();
    }

    @Test
    void refusesWhatItCannotEnforceNamingTheKeyword() {
        assertThatThrownBy(() -> schema("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\",\"format\":\"email\"}}}"))
                .isInstanceOfSatisfying(UnsupportedSchemaException.class,
                        e -> assertThat(e.field()).isEqualTo("schema.properties.a.format"));
        assertThatThrownBy(() -> schema("{\"anyOf\":[{\"type\":\"object\"},{\"type\":\"object\",\"properties\":{}}]}"))
                .isInstanceOfSatisfying(UnsupportedSchemaException.class, e -> assertThat(e.field()).isEqualTo("schema.anyOf"));
        assertThatThrownBy(() -> schema("{\"$defs\":{\"n\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/$defs/n\"}}},\"$ref\":\"#/$defs/n\"}"))
                .isInstanceOfSatisfying(UnsupportedSchemaException.class, e -> assertThat(e.getMessage()).contains("recursive"));
        assertThatThrownBy(() -> schema("{\"type\":\"array\",\"minItems\":3,\"maxItems\":2}"))
                .isInstanceOfSatisfying(UnsupportedSchemaException.class, e -> assertThat(e.field()).isEqualTo("schema.maxItems"));
        assertThatThrownBy(() -> schema("{\"type\":\"object\",\"required\":[\"b\"],\"properties\":{\"a\":{}}}"))
                .isInstanceOfSatisfying(UnsupportedSchemaException.class, e -> assertThat(e.field()).isEqualTo("schema.required"));
    }

    /**
     * Random walks: from the start, pick any byte the matcher allows (printable ASCII and a few UTF-8 lead bytes, so
     * walks stay short) until it accepts; every finished document must satisfy the validator.
     */
    @Test
    void everyDocumentTheMatcherAcceptsIsValidForAnIndependentValidator() {
        SplittableRandom random = new SplittableRandom(20);
        Map<String, Integer> finished = new java.util.LinkedHashMap<>();
        for (String schemaText : TestSchemas.ALL) {
            Grammar grammar = schema(schemaText);
            JsonNode schemaTree = TestSchemas.tree(schemaText);
            int done = 0;
            for (int walk = 0; walk < 100; walk++) {
                String document = randomWalk(grammar.start(), random);
                if (document == null) {
                    continue;
                }
                done++;
                assertThat(grammar.accepts(document)).isTrue();
                assertThat(TestSchemas.violations(schemaTree, TestSchemas.tree(document))).as(document).isNull();
            }
            finished.put(schemaText, done);
        }
        assertThat(finished.values()).allSatisfy(done -> assertThat(done).isGreaterThan(50));
    }

    private static String randomWalk(MatchState start, SplittableRandom random) {
        MatchState state = start;
        byte[] out = new byte[4096];
        int length = 0;
        while (length < out.length) {
            if (state.accepting() && random.nextInt(4) == 0) {
                return new String(out, 0, length, StandardCharsets.UTF_8);
            }
            List<Integer> allowed = new ArrayList<>();
            for (int b = 0; b < 256; b++) {
                boolean candidate = (b >= 0x20 && b < 0x7f) || b == 0xc3 || b == 0xa9 || b == 0xe2 || b == 0x82 || b == 0xac;
                if (candidate && state.advance(b) != null) {
                    allowed.add(b);
                }
            }
            if (allowed.isEmpty()) {
                return state.accepting() ? new String(out, 0, length, StandardCharsets.UTF_8) : null;
            }
            // favour the bytes that move structure along (quotes, brackets, commas) so strings stay short
            int b = allowed.get(random.nextInt(allowed.size()));
            for (int pick : allowed) {
                if ("\"]},".indexOf(pick) >= 0 && random.nextInt(3) == 0) {
                    b = pick;
                    break;
                }
            }
            out[length++] = (byte) b;
            state = state.advance(b);
        }
        return null;
    }
}
