package io.alertpilot.console.web;

import io.alertpilot.console.service.WindowRequest;

/**
 * The fields of the windows form ({@code form#window-form}), as the browser posts them to preview and to create.
 * A checkbox left unchecked is not posted at all: null reads as false.
 */
record WindowForm(String matchers, String startsAt, String endsAt, Boolean automation, Boolean paging,
        String reason) {

    /**
     * The request for remediation.
     *
     * @throws io.alertpilot.console.service.InvalidWindowFormException naming the field that cannot be read
     */
    WindowRequest request() {
        return WindowRequest.of(matchers, startsAt, endsAt, Boolean.TRUE.equals(automation),
                Boolean.TRUE.equals(paging), reason);
    }
}
