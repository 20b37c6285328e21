package io.alertpilot.formats;

import static io.alertpilot.formats.Expectations.RECEIVED;
import static io.alertpilot.formats.Expectations.SETTINGS;
import static io.alertpilot.formats.Expectations.limitedTo;
import static io.alertpilot.formats.JsonEdit.json;
import static io.alertpilot.formats.JsonEdit.remove;
import static io.alertpilot.formats.JsonEdit.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.alertpilot.model.fixtures.Samples;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.NullNode;

/**
 * Bodies that no normalizer may accept: each one must fail with an {@link InvalidAlertException} that names the
 * offending field (as a path) in its field and its message, and with no other exception.
 */
class HostileInputTest {

    private static final int LIMIT = 1000;
    private static final AlertmanagerNormalizer ALERTMANAGER = new AlertmanagerNormalizer(limitedTo(LIMIT));
    private static final AzureMonitorNormalizer AZURE = new AzureMonitorNormalizer(SETTINGS);
    private static final GenericNormalizer GENERIC = new GenericNormalizer(limitedTo(LIMIT));

    record Case(String name, Normalizer normalizer, JsonNode body, String field) {
        @Override
        public String toString() {
            return normalizer.source() + ": " + name + " -> " + field;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"alertmanager", "azureMonitor", "generic"})
    void refusesWithTheFieldPath(Case hostile) {
        Throwable thrown = catchThrowable(() -> hostile.normalizer().normalize(hostile.body(), RECEIVED));

        assertThat(thrown).isInstanceOf(InvalidAlertException.class);
        InvalidAlertException invalid = (InvalidAlertException) thrown;
        assertThat(invalid.field()).isEqualTo(hostile.field());
        if (!"$".equals(hostile.field())) {
            assertThat(invalid.getMessage()).contains("'" + hostile.field() + "'");
        }
    }

    static Stream<Case> alertmanager() {
        JsonNode crash = Samples.json("alertmanager/firing-crashloop.json");
        JsonNode group = Samples.json("alertmanager/firing-group-3-alerts.json");
        List<Case> cases = new ArrayList<>();
        Builder am = new Builder(cases, ALERTMANAGER);

        am.add("the invalid-missing-alerts sample", Samples.json("alertmanager/invalid-missing-alerts.json"), "alerts");
        am.add("body is an array", json("[]"), "$");
        am.add("body is a string", json("\"alerts\""), "$");
        am.add("body is a number", json("4"), "$");
        am.add("body is JSON null", NullNode.getInstance(), "$");
        am.add("body is missing", MissingNode.getInstance(), "$");
        am.add("body is an empty object", json("{}"), "version");
        am.add("version missing", remove(crash, "version"), "version");
        am.add("version 3", set(crash, "version", "\"3\""), "version");
        am.add("version empty", set(crash, "version", "\"\""), "version");
        am.add("version a number", set(crash, "version", "4"), "version");
        am.add("version an array", set(crash, "version", "[\"4\"]"), "version");
        am.add("version null", set(crash, "version", "null"), "version");
        am.add("alerts null", set(crash, "alerts", "null"), "alerts");
        am.add("alerts an object", set(crash, "alerts", "{\"0\": {}}"), "alerts");
        am.add("alerts a string", set(crash, "alerts", "\"[]\""), "alerts");
        am.add("alerts a number", set(crash, "alerts", "1"), "alerts");
        am.add("alerts over the limit", set(crash, "alerts", repeated(crash.get("alerts").get(0), LIMIT + 1)), "alerts");
        am.add("alerts far over the limit", set(crash, "alerts", repeated(NullNode.getInstance(), 100_000)), "alerts");
        am.add("an alert is null", set(crash, "alerts[0]", "null"), "alerts[0]");
        am.add("an alert is a string", set(crash, "alerts[0]", "\"firing\""), "alerts[0]");
        am.add("an alert is an array", set(crash, "alerts[0]", "[{}]"), "alerts[0]");
        am.add("an alert is a number", set(crash, "alerts[0]", "0"), "alerts[0]");
        am.add("an alert is empty", set(crash, "alerts[0]", "{}"), "alerts[0].status");
        am.add("status missing", remove(crash, "alerts[0].status"), "alerts[0].status");
        am.add("status null", set(crash, "alerts[0].status", "null"), "alerts[0].status");
        am.add("status pending", set(crash, "alerts[0].status", "\"pending\""), "alerts[0].status");
        am.add("status empty", set(crash, "alerts[0].status", "\"\""), "alerts[0].status");
        am.add("status a boolean", set(crash, "alerts[0].status", "true"), "alerts[0].status");
        am.add("status an object", set(crash, "alerts[0].status", "{\"firing\": true}"), "alerts[0].status");
        am.add("labels missing", remove(crash, "alerts[0].labels"), "alerts[0].labels");
        am.add("labels null", set(crash, "alerts[0].labels", "null"), "alerts[0].labels");
        am.add("labels an array", set(crash, "alerts[0].labels", "[\"alertname=X\"]"), "alerts[0].labels");
        am.add("labels a string", set(crash, "alerts[0].labels", "\"alertname=X\""), "alerts[0].labels");
        am.add("labels empty", set(crash, "alerts[0].labels", "{}"), "alerts[0].labels.alertname");
        am.add("alertname missing", remove(crash, "alerts[0].labels.alertname"), "alerts[0].labels.alertname");
        am.add("alertname null", set(crash, "alerts[0].labels.alertname", "null"), "alerts[0].labels.alertname");
        am.add("alertname empty", set(crash, "alerts[0].labels.alertname", "\"\""), "alerts[0].labels.alertname");
        am.add("alertname blank", set(crash, "alerts[0].labels.alertname", "\" \\t \""), "alerts[0].labels.alertname");
        am.add("alertname an object", set(crash, "alerts[0].labels.alertname", "{}"), "alerts[0].labels.alertname");
        am.add("alertname deeply nested junk", set(crash, "alerts[0].labels.alertname", nested(400)),
                "alerts[0].labels.alertname");
        am.add("a label an array", set(crash, "alerts[0].labels.namespace", "[\"shop\"]"), "alerts[0].labels.namespace");
        am.add("a label an object", set(crash, "alerts[0].labels.namespace", "{\"a\": 1}"), "alerts[0].labels.namespace");
        am.add("annotations an array", set(crash, "alerts[0].annotations", "[]"), "alerts[0].annotations");
        am.add("annotations a string", set(crash, "alerts[0].annotations", "\"summary\""), "alerts[0].annotations");
        am.add("an annotation an object", set(crash, "alerts[0].annotations.summary", "{\"text\": \"x\"}"),
                "alerts[0].annotations.summary");
        am.add("startsAt not a time", set(crash, "alerts[0].startsAt", "\"yesterday\""), "alerts[0].startsAt");
        am.add("startsAt a Unix time", set(crash, "alerts[0].startsAt", "1795420692"), "alerts[0].startsAt");
        am.add("startsAt without T", set(crash, "alerts[0].startsAt", "\"2026-11-23 07:58:12Z\""), "alerts[0].startsAt");
        am.add("startsAt a date", set(crash, "alerts[0].startsAt", "\"2026-11-23\""), "alerts[0].startsAt");
        am.add("startsAt month 13", set(crash, "alerts[0].startsAt", "\"2026-13-23T07:58:12Z\""), "alerts[0].startsAt");
        am.add("startsAt an object", set(crash, "alerts[0].startsAt", "{}"), "alerts[0].startsAt");
        am.add("endsAt 25 o'clock", set(crash, "alerts[0].endsAt", "\"2026-11-23T25:00:00Z\""), "alerts[0].endsAt");
        am.add("endsAt an array", set(crash, "alerts[0].endsAt", "[]"), "alerts[0].endsAt");
        am.add("endsAt a bad offset", set(crash, "alerts[0].endsAt", "\"2026-11-23T08:00:00+25:00\""), "alerts[0].endsAt");
        am.add("generatorURL a number", set(crash, "alerts[0].generatorURL", "80"), "alerts[0].generatorURL");
        am.add("fingerprint a number", set(crash, "alerts[0].fingerprint", "123"), "alerts[0].fingerprint");
        am.add("fingerprint not hex", set(crash, "alerts[0].fingerprint", "\"not-hex!\""), "alerts[0].fingerprint");
        am.add("fingerprint upper-case", set(crash, "alerts[0].fingerprint", "\"0C029C006D0FFCE0\""),
                "alerts[0].fingerprint");
        am.add("fingerprint too long", set(crash, "alerts[0].fingerprint", "\"" + "a".repeat(65) + "\""),
                "alerts[0].fingerprint");
        am.add("groupKey a number", set(crash, "groupKey", "1"), "groupKey");
        am.add("receiver an array", set(crash, "receiver", "[\"shop-pager\"]"), "receiver");
        am.add("externalURL an object", set(crash, "externalURL", "{}"), "externalURL");
        am.add("commonLabels an array", set(crash, "commonLabels", "[]"), "commonLabels");
        am.add("commonLabels with an object value", set(crash, "commonLabels.namespace", "{}"), "commonLabels.namespace");
        am.add("groupLabels a string", set(crash, "groupLabels", "\"x\""), "groupLabels");
        am.add("the third alert of a group without labels", remove(group, "alerts[2].labels"), "alerts[2].labels");
        am.add("the second alert of a group with a bad status", set(group, "alerts[1].status", "\"ok\""),
                "alerts[1].status");
        return cases.stream();
    }

    static Stream<Case> azureMonitor() {
        JsonNode metric = Samples.json("azure-monitor/metric-alert-fired.json");
        JsonNode activity = Samples.json("azure-monitor/activity-log-alert.json");
        List<Case> cases = new ArrayList<>();
        Builder az = new Builder(cases, AZURE);

        az.add("body is an array", json("[{}]"), "$");
        az.add("body is a string", json("\"x\""), "$");
        az.add("body is JSON null", NullNode.getInstance(), "$");
        az.add("body is an empty object", json("{}"), "schemaId");
        az.add("an Alertmanager body", Samples.json("alertmanager/firing-crashloop.json"), "schemaId");
        az.add("schemaId missing", remove(metric, "schemaId"), "schemaId");
        az.add("schemaId wrong", set(metric, "schemaId", "\"Microsoft.Insights/activityLogs\""), "schemaId");
        az.add("schemaId in another case", set(metric, "schemaId", "\"AzureMonitorCommonAlertSchema\""), "schemaId");
        az.add("schemaId a number", set(metric, "schemaId", "1"), "schemaId");
        az.add("data missing", remove(metric, "data"), "data");
        az.add("data null", set(metric, "data", "null"), "data");
        az.add("data an array", set(metric, "data", "[]"), "data");
        az.add("data a string", set(metric, "data", "\"{}\""), "data");
        az.add("essentials missing", remove(metric, "data.essentials"), "data.essentials");
        az.add("essentials an array", set(metric, "data.essentials", "[{}]"), "data.essentials");
        az.add("essentials empty", set(metric, "data.essentials", "{}"), "data.essentials.alertId");
        az.add("alertId missing", remove(metric, "data.essentials.alertId"), "data.essentials.alertId");
        az.add("alertId blank", set(metric, "data.essentials.alertId", "\"  \""), "data.essentials.alertId");
        az.add("alertId a number", set(metric, "data.essentials.alertId", "5"), "data.essentials.alertId");
        az.add("alertRule missing", remove(activity, "data.essentials.alertRule"), "data.essentials.alertRule");
        az.add("alertRule an array", set(metric, "data.essentials.alertRule", "[\"r\"]"), "data.essentials.alertRule");
        az.add("monitorCondition Maybe", set(metric, "data.essentials.monitorCondition", "\"Maybe\""),
                "data.essentials.monitorCondition");
        az.add("monitorCondition missing", remove(metric, "data.essentials.monitorCondition"),
                "data.essentials.monitorCondition");
        az.add("monitorCondition a boolean", set(metric, "data.essentials.monitorCondition", "true"),
                "data.essentials.monitorCondition");
        az.add("severity a number", set(metric, "data.essentials.severity", "1"), "data.essentials.severity");
        az.add("severity an object", set(metric, "data.essentials.severity", "{\"level\": 1}"), "data.essentials.severity");
        az.add("signalType a number", set(metric, "data.essentials.signalType", "0"), "data.essentials.signalType");
        az.add("monitoringService an array", set(metric, "data.essentials.monitoringService", "[]"),
                "data.essentials.monitoringService");
        az.add("originAlertId an object", set(metric, "data.essentials.originAlertId", "{}"),
                "data.essentials.originAlertId");
        az.add("description an object", set(metric, "data.essentials.description", "{}"), "data.essentials.description");
        az.add("alertRuleID a number", set(metric, "data.essentials.alertRuleID", "9"), "data.essentials.alertRuleID");
        az.add("firedDateTime not a time", set(metric, "data.essentials.firedDateTime", "\"3/22/2019 1:36:31 PM\""),
                "data.essentials.firedDateTime");
        az.add("firedDateTime a number", set(metric, "data.essentials.firedDateTime", "1553262504"),
                "data.essentials.firedDateTime");
        az.add("resolvedDateTime not a time", set(metric, "data.essentials.resolvedDateTime", "\"soon\""),
                "data.essentials.resolvedDateTime");
        az.add("alertTargetIDs a string", set(metric, "data.essentials.alertTargetIDs", "\"/subscriptions/x\""),
                "data.essentials.alertTargetIDs");
        az.add("alertTargetIDs an object", set(metric, "data.essentials.alertTargetIDs", "{}"),
                "data.essentials.alertTargetIDs");
        az.add("a target id a number", set(metric, "data.essentials.alertTargetIDs", "[42]"),
                "data.essentials.alertTargetIDs[0]");
        az.add("a target id null", set(metric, "data.essentials.alertTargetIDs", "[\"\", null]"),
                "data.essentials.alertTargetIDs[1]");
        az.add("customProperties an array", set(metric, "data.customProperties", "[\"team\"]"), "data.customProperties");
        az.add("customProperties a string", set(metric, "data.customProperties", "\"team=x\""), "data.customProperties");
        az.add("a custom property an object", set(metric, "data.customProperties.team", "{\"name\": \"x\"}"),
                "data.customProperties.team");
        az.add("a custom property deeply nested junk", set(metric, "data.customProperties.team", nested(300)),
                "data.customProperties.team");
        return cases.stream();
    }

    static Stream<Case> generic() {
        JsonNode two = GenericNormalizerTest.twoAlerts();
        List<Case> cases = new ArrayList<>();
        Builder gen = new Builder(cases, GENERIC);

        gen.add("body an object", json("{\"name\": \"x\", \"status\": \"firing\"}"), "$");
        gen.add("body a string", json("\"[]\""), "$");
        gen.add("body JSON null", NullNode.getInstance(), "$");
        gen.add("body missing", MissingNode.getInstance(), "$");
        gen.add("body an empty array", json("[]"), "$");
        gen.add("more alerts than the limit", repeated(two.get(0), LIMIT + 1), "$");
        gen.add("an alert null", json("[null]"), "[0]");
        gen.add("an alert a number", json("[42]"), "[0]");
        gen.add("an alert an array", json("[[]]"), "[0]");
        gen.add("an alert empty", json("[{}]"), "[0].name");
        gen.add("name missing", remove(two, "[0].name"), "[0].name");
        gen.add("name blank", set(two, "[0].name", "\" \""), "[0].name");
        gen.add("name a number", set(two, "[0].name", "7"), "[0].name");
        gen.add("status missing", remove(two, "[0].status"), "[0].status");
        gen.add("status Maybe", set(two, "[0].status", "\"maybe\""), "[0].status");
        gen.add("status an array", set(two, "[0].status", "[\"firing\"]"), "[0].status");
        gen.add("labels an array", set(two, "[0].labels", "[]"), "[0].labels");
        gen.add("a label an object", set(two, "[0].labels.team", "{}"), "[0].labels.team");
        gen.add("annotations a number", set(two, "[0].annotations", "1"), "[0].annotations");
        gen.add("severity a number", set(two, "[0].severity", "2"), "[0].severity");
        gen.add("summary an object", set(two, "[0].summary", "{}"), "[0].summary");
        gen.add("description an array", set(two, "[0].description", "[]"), "[0].description");
        gen.add("runbookUrl a boolean", set(two, "[0].runbookUrl", "false"), "[0].runbookUrl");
        gen.add("generatorUrl a number", set(two, "[0].generatorUrl", "1"), "[0].generatorUrl");
        gen.add("fingerprint a number", set(two, "[0].fingerprint", "1"), "[0].fingerprint");
        gen.add("fingerprint over 200 characters", set(two, "[0].fingerprint", "\"" + "f".repeat(201) + "\""),
                "[0].fingerprint");
        gen.add("startsAt not a time", set(two, "[0].startsAt", "\"now\""), "[0].startsAt");
        gen.add("endsAt a number", set(two, "[1].endsAt", "0"), "[1].endsAt");
        gen.add("target an array", set(two, "[0].target", "[\"Deployment\"]"), "[0].target");
        gen.add("target a string", set(two, "[0].target", "\"shop/checkout-api\""), "[0].target");
        gen.add("an unknown target field", set(two, "[0].target.region", "\"westeurope\""), "[0].target.region");
        gen.add("a target field an object", set(two, "[0].target.kind", "{}"), "[0].target.kind");
        gen.add("groupKey an object", set(two, "[1].groupKey", "{}"), "[1].groupKey");
        gen.add("receiver a number", set(two, "[1].receiver", "1"), "[1].receiver");
        gen.add("externalUrl an array", set(two, "[1].externalUrl", "[]"), "[1].externalUrl");
        gen.add("the second alert without name", remove(two, "[1].name"), "[1].name");
        return cases.stream();
    }

    /** An array holding {@code count} copies of {@code element}. */
    private static ArrayNode repeated(JsonNode element, int count) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < count; i++) {
            array.add(element);
        }
        return array;
    }

    /** Arrays and objects nested {@code depth} levels deep. */
    private static JsonNode nested(int depth) {
        JsonNode node = JsonNodeFactory.instance.stringNode("bottom");
        for (int i = 0; i < depth; i++) {
            node = i % 2 == 0
                    ? JsonNodeFactory.instance.arrayNode().add(node)
                    : JsonNodeFactory.instance.objectNode().set("k", node);
        }
        return node;
    }

    private record Builder(List<Case> cases, Normalizer normalizer) {
        void add(String name, JsonNode body, String field) {
            cases.add(new Case(name, normalizer, body, field));
        }
    }
}
