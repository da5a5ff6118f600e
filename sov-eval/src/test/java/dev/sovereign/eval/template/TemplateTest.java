package dev.sovereign.eval.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** Nunjucks-style templating: paths, filters, and JavaScript's way of printing values. */
class TemplateTest {

    private static JsonNode vars(String json) throws Exception {
        return new ObjectMapper().readTree(json);
    }

    @Test
    void rendersPathsFiltersAndJsValues() throws Exception {
        JsonNode vars = vars("{\"user\": {\"name\": \"Ada\", \"tags\": [\"x\", \"y\"]}, \"n\": 3.0, \"f\": 0.5, \"ok\": true}");
        assertThat(Template.render("Hi {{ user.name }} ({{user.tags[1]}}, {{ user.tags }})", vars)).isEqualTo("Hi Ada (y, x,y)");
        assertThat(Template.render("{{n}} {{f}} {{ok}} [{{missing}}] {{ user | dump }}", vars))
                .isEqualTo("3 0.5 true [] {\"name\":\"Ada\",\"tags\":[\"x\",\"y\"]}");
        assertThat(Template.render("{{ user.name | upper }} {{ missing | default('none') }}{# note #}", vars)).isEqualTo("ADA none");
        assertThat(Template.variables("{{ a.b }} {{c|trim}} {{ a }}")).containsExactly("a", "c");
    }

    @Test
    void refusesStatements() {
        assertThatThrownBy(() -> Template.render("{% for x in xs %}{{x}}{% endfor %}", new ObjectMapper().createObjectNode()))
                .hasMessageContaining("not supported");
    }
}
