package io.alertpilot.notifier.channel.slack;

import io.alertpilot.notifier.channel.Page;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Slack app's messages: a page is the incoming-webhook message ({@link SlackChannel#body}) with one more
 * {@code actions} block of buttons (block id {@value #BUTTONS}): Acknowledge and Resolve on an escalation page, Resolve
 * on an acknowledgement, Approve and Reject on an approval page; none on a resolution or an info. Each button's value
 * names the incident's occurrence, and the remediation on an approval page ({@link SlackButtonValue}). An answered
 * message keeps its blocks, loses the buttons and says what happened.
 */
public final class SlackAppMessages {

    /** The block id of the buttons, so that an update removes these and keeps the others (Runbook, Source). */
    public static final String BUTTONS = "alertpilot-buttons";
    /** The {@code action_id}s of the buttons. */
    public static final String ACKNOWLEDGE = "alertpilot.acknowledge";
    public static final String RESOLVE = "alertpilot.resolve";
    public static final String APPROVE = "alertpilot.approve";
    public static final String REJECT = "alertpilot.reject";

    private SlackAppMessages() {
    }

    /** The message of {@code page}, with the buttons it calls for. */
    public static Map<String, Object> page(Page page) {
        Map<String, Object> message = new LinkedHashMap<>(SlackChannel.body(page, false));
        List<Object> buttons = new ArrayList<>();
        Optional<String> approval = approvalOf(page);
        String incidentId = page.incident().id();
        String occurrence = SlackButtonValue.incident(incidentId, page.incident().createdAt()).text();
        if (approval.isPresent()) {
            String answer = SlackButtonValue.approval(approval.get(), incidentId, page.incident().createdAt()).text();
            buttons.add(button("Approve", APPROVE, answer, "primary"));
            buttons.add(button("Reject", REJECT, answer, "danger"));
        } else if (page.action().equals("trigger")) {
            buttons.add(button("Acknowledge", ACKNOWLEDGE, occurrence, "primary"));
            buttons.add(button("Resolve", RESOLVE, occurrence, null));
        } else if (page.action().equals("acknowledge")) {
            buttons.add(button("Resolve", RESOLVE, occurrence, null));
        }
        if (!buttons.isEmpty()) {
            List<Object> blocks = new ArrayList<>(blocks(message.get("blocks")));
            blocks.add(Map.of("type", "actions", "block_id", BUTTONS, "elements", buttons));
            message.put("blocks", blocks);
        }
        return message;
    }

    /**
     * The message that replaces an answered one: its {@code blocks} without the buttons, then {@code outcome}
     * (Slack mrkdwn), which is also the notification text.
     */
    public static Map<String, Object> answered(List<?> blocks, String outcome) {
        List<Object> kept = new ArrayList<>();
        for (Object block : blocks) {
            if (!(block instanceof Map<?, ?> map && BUTTONS.equals(map.get("block_id")))) {
                kept.add(block);
            }
        }
        kept.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", outcome)));
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("text", outcome);
        message.put("blocks", kept);
        return message;
    }

    /** The remediation id of an approval page, else empty. */
    static Optional<String> approvalOf(Page page) {
        return page.asksApproval() ? Optional.of(page.approval().remediationId()) : Optional.empty();
    }

    private static Map<String, Object> button(String text, String actionId, String value, String style) {
        Map<String, Object> button = new LinkedHashMap<>();
        button.put("type", "button");
        button.put("text", Map.of("type", "plain_text", "text", text));
        button.put("action_id", actionId);
        button.put("value", value);
        if (style != null) {
            button.put("style", style);
        }
        return button;
    }

    private static List<?> blocks(Object blocks) {
        return blocks instanceof List<?> list ? list : List.of();
    }
}
