package dev.vireo.ui;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.shared.ui.Transport;

/**
 * Page-wide settings of the Vaadin app: the icon, and server push for live updates. The browser's own
 * messages stay plain requests (WEBSOCKET_XHR), so each carries the sign-in and refreshes its token;
 * only the server's pushes use the websocket.
 */
@Push(transport = Transport.WEBSOCKET_XHR)
public class AppShell implements AppShellConfigurator {

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.addFavIcon("icon", "icons/vireo.svg", "any");
    }
}
