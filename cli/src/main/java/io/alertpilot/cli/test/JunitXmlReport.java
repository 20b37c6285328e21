package io.alertpilot.cli.test;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes test results as JUnit XML, the format CI servers read: a {@code testsuite} per test file, a {@code testcase}
 * per test, a {@code failure} with the differences for a failed test, an {@code error} for a file that could not be
 * used. Stateless and thread safe.
 */
final class JunitXmlReport {

    /**
     * The results of one test file.
     *
     * @param error why the file could not be used, or null
     */
    record Suite(String file, List<TestOutcome> outcomes, String error) {
    }

    /**
     * @throws java.io.UncheckedIOException when the report cannot be written
     */
    void write(Path target, List<Suite> suites) {
        try {
            if (target.toAbsolutePath().getParent() != null) {
                Files.createDirectories(target.toAbsolutePath().getParent());
            }
            try (OutputStream out = Files.newOutputStream(target)) {
                XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
                xml.writeStartDocument("UTF-8", "1.0");
                xml.writeStartElement("testsuites");
                for (Suite suite : suites) {
                    suite(xml, suite);
                }
                xml.writeEndElement();
                xml.writeEndDocument();
                xml.close();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot write the JUnit report " + target + ": " + e.getMessage(), e);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the JUnit report " + target + ": " + e.getMessage(), e);
        }
    }

    private static void suite(XMLStreamWriter xml, Suite suite) throws XMLStreamException {
        long failures = suite.outcomes().stream().filter(o -> !o.passed()).count();
        long millis = suite.outcomes().stream().mapToLong(TestOutcome::millis).sum();
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", suite.file());
        xml.writeAttribute("tests", Integer.toString(Math.max(suite.outcomes().size(), suite.error() == null ? 0 : 1)));
        xml.writeAttribute("failures", Long.toString(failures));
        xml.writeAttribute("errors", suite.error() == null ? "0" : "1");
        xml.writeAttribute("time", seconds(millis));
        if (suite.error() != null) {
            xml.writeStartElement("testcase");
            xml.writeAttribute("classname", suite.file());
            xml.writeAttribute("name", suite.file());
            xml.writeStartElement("error");
            xml.writeAttribute("message", "the test file cannot be used");
            xml.writeCharacters(suite.error());
            xml.writeEndElement();
            xml.writeEndElement();
        }
        for (TestOutcome outcome : suite.outcomes()) {
            xml.writeStartElement("testcase");
            xml.writeAttribute("classname", suite.file());
            xml.writeAttribute("name", outcome.name());
            xml.writeAttribute("time", seconds(outcome.millis()));
            if (!outcome.passed()) {
                xml.writeStartElement("failure");
                xml.writeAttribute("message", outcome.differences().getFirst());
                xml.writeCharacters(String.join("\n", outcome.differences()));
                xml.writeEndElement();
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
