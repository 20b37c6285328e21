package io.alertpilot.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.web.servlet.FlashMap;

class PageFlashMapManagerTest {

    private final PageFlashMapManager manager = new PageFlashMapManager();
    private final MockHttpSession session = new MockHttpSession();

    @Test
    void aLivePageReloadingItselfLeavesTheMessageForThePageTheCommandRedirectedTo() {
        MockHttpServletRequest command = request("POST", "/remediations/r-1/approve");
        FlashMap flash = new FlashMap();
        flash.put(Flash.ATTRIBUTE, Flash.ok("Approved r-1"));
        flash.setTargetRequestPath("/remediations");
        manager.saveOutputFlashMap(flash, command, new MockHttpServletResponse());

        MockHttpServletRequest liveReload = request("GET", "/remediations");
        liveReload.addHeader(PageFlashMapManager.HTMX_REQUEST, "true");
        assertThat((Object) manager.retrieveAndUpdate(liveReload, new MockHttpServletResponse())).isNull();

        FlashMap shown = manager.retrieveAndUpdate(request("GET", "/remediations"), new MockHttpServletResponse());
        assertThat((Object) shown).isNotNull();
        assertThat(shown.get(Flash.ATTRIBUTE)).isEqualTo(Flash.ok("Approved r-1"));
        assertThat((Object) manager.retrieveAndUpdate(request("GET", "/remediations"), new MockHttpServletResponse()))
                .as("shown once").isNull();
    }

    private MockHttpServletRequest request(String method, String path) {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        request.setSession(session);
        return request;
    }
}
