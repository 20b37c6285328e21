package io.alertpilot.model.alert;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TargetTest {

    @Test
    void keyIsClusterNamespaceKindName() {
        Target target = new Target("aks-shop-prod-weu", "shop", "Deployment", "checkout-api", "checkout-api-1",
                "checkout-api", "node-1", "checkout", "/subscriptions/x");

        assertThat(target.key()).isEqualTo("aks-shop-prod-weu/shop/Deployment/checkout-api");
    }

    @Test
    void missingOrEmptyPartsAreDashes() {
        assertThat(new Target(null, "shop", "Deployment", "checkout-api", null, null, null, null, null).key())
                .isEqualTo("-/shop/Deployment/checkout-api");
        assertThat(new Target("", "", "Node", "node-1", null, null, null, null, null).key())
                .isEqualTo("-/-/Node/node-1");
        assertThat(new Target("c", "ns", null, null, "pod-1", null, null, null, null).key()).isEqualTo("c/ns/-/-");
    }

    @Test
    void noneHasOnlyDashes() {
        assertThat(Target.NONE.key()).isEqualTo("-/-/-/-");
    }

    @Test
    void podContainerNodeServiceAndAzureIdAreNotPartOfTheKey() {
        Target one = new Target("c", "ns", "Deployment", "api", "api-1", "main", "node-1", "api", "/a");
        Target other = new Target("c", "ns", "Deployment", "api", "api-2", "side", "node-2", "web", "/b");

        assertThat(one.key()).isEqualTo(other.key());
    }
}
