package org.guichets.benchmarks.bare;

import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Route;

/** The bare page: one heading. */
@Route("")
public final class HelloView extends VerticalLayout {
    public HelloView() {
        add(new H1("Bonjour"));
    }
}
