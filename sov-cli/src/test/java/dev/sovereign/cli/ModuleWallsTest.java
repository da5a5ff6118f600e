package dev.sovereign.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.sovereign.api.wallfixture.ApiClassThatBreaksTheWall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The module walls of docs/architecture.md, enforced: the allowed arrows are read from the
 * document itself, and no class of a module may use a class of a module it may not import.
 * Maven alone cannot catch this, because a module sees its dependencies' dependencies too.
 */
class ModuleWallsTest {

    private static final Pattern WALL = Pattern.compile("^(sov-[a-z0-9]+)\\s+→\\s+(.+?)\\s{2,}.*$");

    @Test
    void noModuleImportsOneItMayNot() throws IOException {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.sovereign");
        assertThat(classes).isNotEmpty();
        wallRules().forEach(rule -> rule.check(classes));
    }

    @Test
    void aClassCrossingAWallIsCaught() throws IOException {
        JavaClasses offender = new ClassFileImporter().importClasses(ApiClassThatBreaksTheWall.class);
        List<String> failures = wallRules().stream()
                .map(rule -> rule.evaluate(offender))
                .filter(EvaluationResult::hasViolation)
                .map(result -> result.getFailureReport().toString())
                .toList();
        assertThat(failures).singleElement().asString()
                .contains("sov-api may import only []").contains("ApiClassThatBreaksTheWall");
    }

    /** One rule per module: its classes may not use classes of modules outside its allowed list. */
    static List<ArchRule> wallRules() throws IOException {
        Map<String, Set<String>> allowed = wallsFromArchitectureDoc();
        List<ArchRule> rules = new ArrayList<>();
        for (Map.Entry<String, Set<String>> module : allowed.entrySet()) {
            if (module.getValue().contains("all")) {
                continue;
            }
            String[] forbidden = allowed.keySet().stream()
                    .filter(other -> !other.equals(module.getKey()) && !module.getValue().contains(other))
                    .map(ModuleWallsTest::packageOf)
                    .toArray(String[]::new);
            rules.add(noClasses().that().resideInAPackage(packageOf(module.getKey()))
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden)
                    .because(module.getKey() + " may import only " + new TreeSet<>(module.getValue())
                            + " (docs/architecture.md)")
                    .allowEmptyShould(true));
        }
        return rules;
    }

    @Test
    void theDocumentListsEveryModuleOfTheBuild() throws IOException {
        Path root = Path.of(System.getProperty("sov.root"));
        String pom = Files.readString(root.resolve("pom.xml"));
        Matcher modules = Pattern.compile("<module>(sov-[a-z0-9]+)</module>").matcher(pom);
        Set<String> documented = wallsFromArchitectureDoc().keySet();
        while (modules.find()) {
            assertThat(documented).as("docs/architecture.md module walls").contains(modules.group(1));
        }
    }

    static Map<String, Set<String>> wallsFromArchitectureDoc() throws IOException {
        String doc = Files.readString(Path.of(System.getProperty("sov.root"), "docs", "architecture.md"));
        String block = doc.substring(doc.indexOf("<!-- module-walls -->"), doc.indexOf("<!-- /module-walls -->"));
        Map<String, Set<String>> walls = new LinkedHashMap<>();
        for (String line : block.lines().toList()) {
            Matcher m = WALL.matcher(line);
            if (m.matches()) {
                String targets = m.group(2).strip();
                walls.put(m.group(1), targets.equals("(none)") ? Set.of()
                        : Arrays.stream(targets.split(",\\s*")).map(String::strip).collect(Collectors.toSet()));
            }
        }
        assertThat(walls).as("module walls parsed from docs/architecture.md").hasSizeGreaterThanOrEqualTo(9);
        return walls;
    }

    private static String packageOf(String module) {
        return "dev.sovereign." + module.substring("sov-".length()) + "..";
    }

    @Test
    void theParserReadsTheArrows() throws IOException {
        Map<String, Set<String>> walls = wallsFromArchitectureDoc();
        assertThat(walls.get("sov-api")).isEmpty();
        assertThat(walls.get("sov-gateway")).containsExactlyInAnyOrder("sov-api", "sov-spec", "sov-router");
        assertThat(walls.get("sov-cli")).isEqualTo(Set.of("all"));
        assertThat(List.copyOf(walls.keySet())).startsWith("sov-api", "sov-spec");
    }
}
