package dev.sovereign.testing.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Reads every module's {@code target/surefire-reports} and {@code target/failsafe-reports} TEST-*.xml files. */
final class XmlReports {
    private static final List<String> REPORT_FOLDERS = List.of("surefire-reports", "failsafe-reports");

    private XmlReports() {
    }

    static List<TestResult> read(Path projectRoot) throws IOException {
        List<TestResult> results = new ArrayList<>();
        for (Path file : reportFiles(projectRoot)) {
            results.addAll(parse(file));
        }
        return results;
    }

    private static List<Path> reportFiles(Path projectRoot) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> modules = Files.list(projectRoot)) {
            for (Path module : modules.filter(Files::isDirectory).sorted().toList()) {
                for (String folder : REPORT_FOLDERS) {
                    Path reports = module.resolve("target").resolve(folder);
                    if (Files.isDirectory(reports)) {
                        try (Stream<Path> listed = Files.list(reports)) {
                            listed.filter(XmlReports::isSuiteReport).sorted().forEach(files::add);
                        }
                    }
                }
            }
        }
        return files;
    }

    private static boolean isSuiteReport(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("TEST-") && name.endsWith(".xml");
    }

    static List<TestResult> parse(Path file) throws IOException {
        Element suite;
        try {
            suite = builder().parse(file.toFile()).getDocumentElement();
        } catch (SAXException | ParserConfigurationException e) {
            throw new IOException("unreadable test report " + file + ": " + e.getMessage(), e);
        }
        List<TestResult> results = new ArrayList<>();
        NodeList cases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element testCase = (Element) cases.item(i);
            results.add(new TestResult(testCase.getAttribute("classname"), testCase.getAttribute("name"),
                    outcome(testCase), message(testCase)));
        }
        return results;
    }

    private static TestResult.Outcome outcome(Element testCase) {
        if (child(testCase, "failure") != null || child(testCase, "error") != null) {
            return TestResult.Outcome.FAILED;
        }
        return child(testCase, "skipped") != null ? TestResult.Outcome.SKIPPED : TestResult.Outcome.PASSED;
    }

    private static String message(Element testCase) {
        for (String tag : List.of("failure", "error", "skipped")) {
            Element element = child(testCase, tag);
            if (element != null) {
                String message = element.getAttribute("message").strip();
                return message.isEmpty() ? element.getAttribute("type") : message.lines().findFirst().orElse("");
            }
        }
        return "";
    }

    private static Element child(Element parent, String tag) {
        NodeList children = parent.getElementsByTagName(tag);
        return children.getLength() == 0 ? null : (Element) children.item(0);
    }

    private static DocumentBuilder builder() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder();
    }
}
