package io.alertpilot.support.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service's consumers are members of their consumer groups ({@code alertpilot.kafka.*}).
 *
 * @param groupInstanceId this replica's static group membership ({@code group.instance.id}), stable across restarts
 *     (in Kubernetes the pod name): a replica restarted in place within the session timeout takes its partitions back
 *     at once, with no rebalance; one that does not come back is replaced after the session timeout. Empty (the
 *     default): dynamic membership, every start or stop rebalances the group
 */
@ConfigurationProperties("alertpilot.kafka")
public record KafkaMembershipProperties(@DefaultValue("") String groupInstanceId) {
}
