package io.alertpilot.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void findsTheMetricsOfAnAggregatedRate() {
        assertThat(PromQl.metricNames("sum by (namespace, source) (rate(alertpilot_ingest_rejected_total"
                + "{namespace=\"ap\", reason!=\"unauthorized\"}[10m])) * 60 > 1"))
                .containsExactly("alertpilot_ingest_rejected_total");
    }

    @Test
    void findsBothSidesOfBinaryOperatorsAndIgnoresGroupingLabels() {
        assertThat(PromQl.metricNames("(sum by (job, topic) (increase(a_total[15m])) or sum without (pod) "
                + "(increase(b_total{x=~\"a|b\"}[15m]))) / on (job) group_left (topic) c > 0"))
                .containsExactly("a_total", "b_total", "c");
    }

    @Test
    void handlesHistogramsGrafanaVariablesAndLabelValues() {
        assertThat(PromQl.metricNames("histogram_quantile(0.99, sum by (le) (rate(x_seconds_bucket"
                + "{namespace=~\"$namespace\", outcome=\"acknowledged\"}[$__rate_interval])))"))
                .containsExactly("x_seconds_bucket");
        assertThat(PromQl.metricNames("label_values(alertpilot_ingest_alerts_total, namespace)"))
                .containsExactly("alertpilot_ingest_alerts_total");
        assertThat(PromQl.metricNames("label_values(up{job=\"x\"}, instance)")).containsExactly("up");
    }

    @Test
    void keepsMetricsWithoutMatchersAndSkipsNumbersAndKeywords() {
        assertThat(PromQl.metricNames("up == 0 unless absent(foo) and bar offset 5m > bool 1e3"))
                .containsExactly("bar", "foo", "up");
    }
}
