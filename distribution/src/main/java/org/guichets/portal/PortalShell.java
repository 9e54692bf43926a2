package org.guichets.portal;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.AppShellSettings;

/** Page-wide settings of the portal: server push (a plugin's arrival shows without a reload). */
@Push
public final class PortalShell implements AppShellConfigurator {

    @Override
    public void configurePage(AppShellSettings settings) {
        settings.addMetaTag("description", "Guichets : dépôt et instruction des candidatures aux dispositifs");
    }
}
