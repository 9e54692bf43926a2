package org.guichets.benchmarks.bare;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;

/** Push on, as in the portal. */
@Push
public final class BareShell implements AppShellConfigurator {
}
