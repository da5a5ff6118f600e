package dev.sovereign.eval.report;

import dev.sovereign.eval.run.EvalResult;
import dev.sovereign.eval.run.RunReport;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** JUnit XML for CI: one {@code testcase} per row, {@code failure} for failed assertions, {@code error} for errors. */
public final class JunitXml {

    private JunitXml() {
    }

    public static void write(RunReport report, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (Writer out = Files.newBufferedWriter(file)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            String name = report.suite().description().isBlank() ? report.suite().file().getFileName().toString() : report.suite().description();
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            attributes(xml, report, name);
            xml.writeCharacters("\n  ");
            xml.writeStartElement("testsuite");
            attributes(xml, report, name);
            xml.writeAttribute("timestamp", report.started().toString());
            for (EvalResult r : report.results()) {
                xml.writeCharacters("\n    ");
                testcase(xml, r);
            }
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    private static void attributes(XMLStreamWriter xml, RunReport report, String name) throws XMLStreamException {
        xml.writeAttribute("name", name);
        xml.writeAttribute("tests", String.valueOf(report.results().size()));
        xml.writeAttribute("failures", String.valueOf(report.count(EvalResult.Outcome.FAIL)));
        xml.writeAttribute("errors", String.valueOf(report.count(EvalResult.Outcome.ERROR)));
        xml.writeAttribute("time", String.format(Locale.ROOT, "%.3f", report.durationSeconds()));
    }

    private static void testcase(XMLStreamWriter xml, EvalResult r) throws XMLStreamException {
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", r.provider().label() + "." + r.category());
        xml.writeAttribute("name", SummaryTable.testName(r));
        xml.writeAttribute("time", r.response() == null ? "0" : String.format(Locale.ROOT, "%.3f", r.response().latencyMs() / 1000.0));
        switch (r.outcome()) {
            case FAIL -> {
                xml.writeStartElement("failure");
                xml.writeAttribute("message", r.reason());
                xml.writeCharacters(r.reason());
                xml.writeEndElement();
            }
            case ERROR -> {
                xml.writeStartElement("error");
                xml.writeAttribute("message", r.error());
                xml.writeCharacters(r.error());
                xml.writeEndElement();
            }
            case PASS -> { }
        }
        xml.writeEndElement();
    }
}
