package dev.sovereign.eval.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sovereign.eval.template.Template;
import dev.sovereign.eval.template.TemplateException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads a Promptfoo configuration file ({@code promptfooconfig.yaml} shape): prompts, providers,
 * tests, {@code defaultTest} and {@code evaluateOptions}, resolving {@code file://} references
 * relative to the config's folder. Every error names the file and the field path.
 */
public final class SuiteLoader {

    private final Map<String, String> env;

    public SuiteLoader(Map<String, String> env) {
        this.env = env;
    }

    public Suite load(Path file) {
        Path config = file.toAbsolutePath().normalize();
        JsonNode root = YamlFiles.read(config);
        if (!(root instanceof ObjectNode top)) {
            throw new SuiteException(config + ": the suite must be a YAML mapping");
        }
        Path base = config.getParent();
        String where = config.toString();
        for (String unsupported : new String[] {"scenarios", "redteam"}) {
            if (top.has(unsupported)) {
                throw new SuiteException(where + ": " + unsupported + ": not supported by sov eval");
            }
        }
        List<PromptSpec> prompts = prompts(top.get("prompts"), base, where);
        List<ProviderSpec> providers = providers(top.get("providers"), where);
        List<TestCase> tests = new TestLoader(base, where).load(top.get("tests"), top.get("defaultTest"));
        checkVarsPresent(prompts, tests, where);
        JsonNode description = top.get("description");
        return new Suite(config, description == null ? "" : description.asText(), prompts, providers, tests,
                settings(top.get("evaluateOptions"), where), top);
    }

    private List<PromptSpec> prompts(JsonNode node, Path base, String where) {
        if (node == null || node.isNull()) {
            throw new SuiteException(where + ": prompts: missing");
        }
        List<JsonNode> entries = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(entries::add);
        } else {
            entries.add(node);
        }
        List<PromptSpec> out = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode entry = entries.get(i);
            String at = where + ": prompts[" + i + "]";
            String text;
            String label = null;
            if (entry.isTextual()) {
                text = entry.asText();
            } else if (entry.isObject() && entry.has("raw")) {
                text = entry.get("raw").asText();
                label = entry.has("label") ? entry.get("label").asText() : null;
            } else if (entry.isObject() && entry.has("id")) {
                text = entry.get("id").asText();
                label = entry.has("label") ? entry.get("label").asText() : null;
            } else if (entry.isArray()) {
                text = entry.toString();
            } else {
                throw new SuiteException(at + ": must be text, a file:// reference or a mapping with 'raw'");
            }
            if (text.startsWith("file://")) {
                Path promptFile = FileRefs.resolve(base, text);
                String content = YamlFiles.readText(promptFile);
                String name = promptFile.getFileName().toString();
                if (name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml")) {
                    out.add(new PromptSpec(name.endsWith(".json") ? content.strip()
                            : YamlFiles.read(promptFile).toString(), label == null ? text : label));
                } else {
                    for (String part : content.split("\n-{3,}\n")) {
                        out.add(new PromptSpec(part.strip(), label == null ? part.strip() : label));
                    }
                }
            } else {
                out.add(new PromptSpec(text, label == null ? text : label));
            }
        }
        if (out.isEmpty()) {
            throw new SuiteException(where + ": prompts: at least one prompt is needed");
        }
        return out;
    }

    private List<ProviderSpec> providers(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            throw new SuiteException(where + ": providers: missing");
        }
        List<ProviderSpec> out = new ArrayList<>();
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.add(withEnv(AssertionParser.providerOf(node.get(i), where + ": providers[" + i + "]")));
            }
        } else {
            out.add(withEnv(AssertionParser.providerOf(node, where + ": providers")));
        }
        if (out.isEmpty()) {
            throw new SuiteException(where + ": providers: at least one provider is needed");
        }
        return out;
    }

    /** Renders {@code {{ env.NAME }}} in provider config strings, as Promptfoo does when it loads a config. */
    private ProviderSpec withEnv(ProviderSpec spec) {
        ObjectNode envVars = YamlFiles.JSON.createObjectNode();
        ObjectNode envMap = envVars.putObject("env");
        env.forEach(envMap::put);
        ObjectNode config = spec.config().deepCopy();
        config.properties().forEach(e -> {
            if (e.getValue().isTextual()) {
                e.setValue(YamlFiles.JSON.getNodeFactory().textNode(Template.render(e.getValue().asText(), envVars)));
            }
        });
        return new ProviderSpec(spec.id(), spec.label(), spec.kind(), spec.model(), config);
    }

    private static Suite.RunSettings settings(JsonNode node, String where) {
        if (node == null || node.isNull()) {
            return Suite.RunSettings.DEFAULT;
        }
        Suite.RunSettings d = Suite.RunSettings.DEFAULT;
        return new Suite.RunSettings(
                intField(node, "maxConcurrency", d.maxConcurrency(), where),
                intField(node, "repeat", d.repeat(), where),
                intField(node, "timeoutMs", (int) d.timeoutMs(), where),
                intField(node, "delay", (int) d.delayMs(), where));
    }

    private static int intField(JsonNode node, String field, int fallback, String where) {
        Double value = AssertionParser.number(node.get(field), where + ": evaluateOptions." + field);
        if (value == null) {
            return fallback;
        }
        if (value < 0 || value != Math.rint(value)) {
            throw new SuiteException(where + ": evaluateOptions." + field + ": must be a whole number >= 0");
        }
        return value.intValue();
    }

    /** A prompt that reads a var no test defines is a suite error, not an empty string sent to the model. */
    private static void checkVarsPresent(List<PromptSpec> prompts, List<TestCase> tests, String where) {
        for (PromptSpec prompt : prompts) {
            java.util.Set<String> names;
            try {
                names = Template.variables(prompt.raw());
            } catch (TemplateException e) {
                throw new SuiteException(where + ": prompt '" + prompt.label() + "': " + e.getMessage());
            }
            for (TestCase test : tests) {
                for (String name : names) {
                    if (!test.vars().has(name) && !name.equals("env")) {
                        throw new SuiteException(where + ": tests[" + test.index() + "].vars." + name
                                + ": missing (the prompt '" + abbreviate(prompt.label()) + "' uses it)");
                    }
                }
            }
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() > 40 ? oneLine.substring(0, 37) + "..." : oneLine;
    }
}
