package io.alertpilot.model.maintenance;

import io.alertpilot.model.kafka.Json;
import java.time.Instant;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * A maintenance window as an operator asks for it (the body of {@code POST /api/v1/maintenance-windows} and of its
 * preview): everything but who, when and the id. Its parts validate themselves as they are read (a bad regex, weekday
 * or time throws {@link InvalidWindowException} naming the field). Read it with {@link #read}, which refuses what a
 * typo would otherwise turn into a wider window: an unknown field anywhere, a blank time, reason or location.
 *
 * @param startsAt null: now
 * @param endsAt null: no end
 * @param automation null reads as false (no actions while active)
 * @param paging null reads as true (pages as usual)
 * @param reason why; null or text, never blank
 * @throws InvalidWindowException ({@code reason}, {@code recurrence.location}) for a blank reason or location
 */
public record WindowDraft(List<WindowMatcher> matchers, Instant startsAt, Instant endsAt, Recurrence recurrence,
        Boolean automation, Boolean paging, String reason) {

    /** Kafka's mapping, but strict: unknown fields and empty strings for times fail. */
    private static final JsonMapper STRICT = Json.mapper().rebuild()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .withCoercionConfig(Instant.class, c -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
            .build();

    public WindowDraft {
        if (reason != null && reason.isBlank()) {
            throw new InvalidWindowException("reason", "reason must not be blank (leave it out instead)");
        }
        if (recurrence != null && recurrence.location() != null && recurrence.location().isBlank()) {
            throw new InvalidWindowException("recurrence.location", "location must not be blank (leave it out for "
                    + "UTC)");
        }
    }

    /**
     * The draft in the JSON {@code body}.
     *
     * @throws InvalidWindowException naming the field (a JSON path such as {@code matchers[0].nmae} or
     *     {@code recurrence.days_of_month}) that is unknown, of the wrong type or format, or refused by a window part;
     *     with field {@code null} when the body is not JSON at all
     */
    public static WindowDraft read(String body) {
        try {
            WindowDraft draft = STRICT.readValue(body == null || body.isBlank() ? "{}" : body, WindowDraft.class);
            if (draft == null) {
                throw new InvalidWindowException(null, "the body must be a JSON object");
            }
            return draft;
        } catch (JacksonException e) {
            throw refused(e);
        }
    }

    /**
     * The window this draft describes, created by {@code by} at {@code now}.
     *
     * @throws InvalidWindowException ({@code endsAt}) when it ends before it starts or is over already
     */
    public MaintenanceWindow toWindow(String id, String by, Instant now) {
        if (endsAt != null && !endsAt.isAfter(now)) {
            throw new InvalidWindowException("endsAt", "endsAt " + endsAt + " is not in the future");
        }
        return new MaintenanceWindow(id, matchers, startsAt == null ? now : startsAt, endsAt, recurrence,
                Boolean.TRUE.equals(automation), !Boolean.FALSE.equals(paging), reason, by, now, null, null);
    }

    private static InvalidWindowException refused(JacksonException e) {
        String path = path(e);
        InvalidWindowException invalid = cause(e);
        if (invalid != null && invalid.field() != null) {
            String field = path.isEmpty() ? invalid.field() : path + "." + invalid.field();
            return new InvalidWindowException(field, invalid.getMessage().substring(invalid.field().length() + 2));
        }
        if (e instanceof UnrecognizedPropertyException) {
            return new InvalidWindowException(path, "unknown field (a typo would make the window wider than meant; "
                    + "the fields are listed in the README)");
        }
        if (!path.isEmpty()) {
            return new InvalidWindowException(path, "a value of the wrong type or format (times are ISO-8601 "
                    + "instants such as 2026-11-30T22:00:00Z, never blank)");
        }
        return new InvalidWindowException(null, "the body is not valid JSON");
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static InvalidWindowException cause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidWindowException invalid) {
                return invalid;
            }
        }
        return null;
    }
}
