package io.alertpilot.ingest;

import io.alertpilot.support.formats.AlertFormatsConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The pure parts of ingest, wired from its settings: the alert formats of {@code alertpilot.formats.*}. */
@Configuration(proxyBeanMethods = false)
@Import(AlertFormatsConfiguration.class)
class IngestConfiguration {
}
