package io.alertpilot.remediation.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ActionExecutor;
import io.alertpilot.remediation.action.ActionResult;
import io.alertpilot.remediation.action.AzureResourceId;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.alertpilot.remediation.action.Verification;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the router sends each action, and a failover's promote after its selector switch. */
class ActionRouterTest {

    static final ResolvedTarget SERVICE = new ResolvedTarget("default", "Service", "shop", "db");
    static final AzureResourceId REPLICA = AzureResourceId.parse("/subscriptions/s-1/resourceGroups/rg/providers/"
            + "Microsoft.DBforPostgreSQL/flexibleServers/pg-replica");
    static final ActionExecutor.ExecutionContext RUN = new ActionExecutor.ExecutionContext("r-1", "{}", null);

    /** Records each call and answers Done, or {@code failWith} for the action type named. */
    static final class Recording implements ActionExecutor {
        final List<String> calls = new ArrayList<>();
        final String failing;

        Recording(String failing) {
            this.failing = failing;
        }

        public ActionResult execute(ResolvedTarget target, Action action, ExecutionContext context) {
            calls.add(action.type().yamlName() + " " + target.name());
            return action.type().yamlName().equals(failing) ? new ActionResult.Failed("lro-failed", "it failed")
                    : new ActionResult.Done(action.type().yamlName() + " done", Map.of("k", "v"));
        }

        public Verification verify(ResolvedTarget target, Action action, ActionResult.Done done) {
            return new Verification.Verified(action.type().yamlName() + " verified");
        }
    }

    @Test
    void anAzureActionIsSkippedAndReachesAHumanWhenAzureIsOff() {
        Recording others = new Recording(null);
        ActionRouter router = new ActionRouter(null, others);

        ActionResult result = router.execute(ResolvedTarget.azure(REPLICA), new Action.PostgresPromote(), RUN);

        assertThat(result).isInstanceOfSatisfying(ActionResult.Skipped.class,
                s -> assertThat(s.reason()).isEqualTo(ActionRouter.AZURE_DISABLED));
        assertThat(others.calls).isEmpty();
    }

    @Test
    void aFailoverSwitchesTheSelectorFirstThenPromotesTheReplicaOnAzure() {
        List<String> order = new ArrayList<>();
        Recording others = new Recording(null);
        Recording azure = new Recording(null);
        ActionRouter router = new ActionRouter(azure, others);

        ActionResult result = router.execute(SERVICE, new Action.Failover(Map.of("role", "standby"), true,
                new Action.Promote(REPLICA, null)), RUN);
        order.addAll(others.calls);
        order.addAll(azure.calls);

        assertThat(order).containsExactly("failover db", "postgres-promote " + REPLICA.id());
        assertThat(result).isInstanceOfSatisfying(ActionResult.Done.class,
                d -> assertThat(d.details()).containsEntry("k", "v").containsEntry("promote.k", "v"));
    }

    @Test
    void aFailedPromotionFailsTheFailoverWithItsReasonAndAWebhookPromotionGoesToTheWebhook() {
        Recording others = new Recording("webhook");
        ActionRouter router = new ActionRouter(null, others);

        ActionResult result = router.execute(SERVICE, new Action.Failover(Map.of("role", "standby"), false,
                new Action.Promote(null, URI.create("https://runbooks.example/promote"))), RUN);

        assertThat(others.calls).containsExactly("failover db", "webhook db");
        assertThat(result).isInstanceOfSatisfying(ActionResult.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo("lro-failed");
            assertThat(f.message()).startsWith("failover done; promoting the standby through the webhook "
                    + "runbooks.example");
        });
    }

    @Test
    void theWayBackOfAFailoverPromotesNothing() {
        Recording others = new Recording(null);
        Recording azure = new Recording(null);
        ActionRouter router = new ActionRouter(azure, others);

        router.execute(SERVICE, new Action.Failover(Map.of("role", "primary"), false, new Action.Promote(REPLICA, null)),
                new ActionExecutor.ExecutionContext("r-2", "{}", Map.of("role", "primary")));

        assertThat(others.calls).containsExactly("failover db");
        assertThat(azure.calls).isEmpty();
    }

    @Test
    void aPostgresPromoteWhileAzureIsOffIsSkippedBeforeTheSelectorIsSwitched() {
        Recording others = new Recording(null);
        ActionRouter router = new ActionRouter(null, others);

        ActionResult result = router.execute(SERVICE, new Action.Failover(Map.of("role", "standby"), true,
                new Action.Promote(REPLICA, null)), RUN);

        assertThat(result).isInstanceOfSatisfying(ActionResult.Skipped.class, s -> {
            assertThat(s.reason()).isEqualTo(ActionRouter.AZURE_DISABLED);
            assertThat(s.carriedOut()).as("nothing switched").isNull();
        });
        assertThat(others.calls).as("the selector is not switched").isEmpty();
    }

    @Test
    void aFailedPromotionCarriesTheSwitchThatWasDoneForItsWayBack() {
        Recording others = new Recording(null);
        Recording azure = new Recording("postgres-promote");
        ActionRouter router = new ActionRouter(azure, others);

        ActionResult result = router.execute(SERVICE, new Action.Failover(Map.of("role", "standby"), true,
                new Action.Promote(REPLICA, null)), RUN);

        assertThat(result).isInstanceOfSatisfying(ActionResult.Failed.class, f -> {
            assertThat(f.reason()).isEqualTo("lro-failed");
            assertThat(f.carriedOut()).isNotNull();
            assertThat(f.carriedOut().details()).containsEntry("k", "v");
        });
    }
}
