package org.guichets.portal;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import java.io.ByteArrayInputStream;
import org.guichets.api.deliverable.DeliverableService;
import org.guichets.api.deliverable.DeliverableStatus;
import org.guichets.api.deliverable.IssuedDeliverable;
import org.guichets.api.identity.Actor;

/** The download link of a signed deliverable: the PDF the registry keeps, read with the actor's rights. */
final class DeliverableLinks {

    private DeliverableLinks() {}

    static Component download(Component view, Actor actor, IssuedDeliverable d) {
        if (d.status() == DeliverableStatus.PENDING) {
            return new com.vaadin.flow.component.html.Span(view.getTranslation("verify.status.PENDING"));
        }
        DownloadHandler handler = DownloadHandler.fromInputStream(event -> {
            byte[] pdf = PlatformServices.current().get(DeliverableService.class).orElseThrow().pdf(actor, d.id());
            return new DownloadResponse(new ByteArrayInputStream(pdf), d.id() + ".pdf", "application/pdf", pdf.length);
        });
        Anchor a = new Anchor(handler, view.getTranslation("deliverable.download", d.id()));
        a.setId("download-" + d.id());
        a.addClassName("deliverable-download");
        a.getElement().setAttribute("download", true);
        a.getStyle().set("text-decoration", "underline");
        return a;
    }
}
