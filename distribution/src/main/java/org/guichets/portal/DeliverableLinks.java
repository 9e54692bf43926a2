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

    /** The deliverables of a candidature: title, status, validity and the download. */
    static com.vaadin.flow.component.html.UnorderedList list(Component view, Actor actor, java.util.List<IssuedDeliverable> issued) {
        java.util.Locale locale = com.vaadin.flow.component.UI.getCurrent().getLocale();
        com.vaadin.flow.component.html.UnorderedList list = new com.vaadin.flow.component.html.UnorderedList();
        list.setId("deliverables");
        java.time.format.DateTimeFormatter dates = java.time.format.DateTimeFormatter
                .ofLocalizedDate(java.time.format.FormatStyle.LONG).withLocale(locale);
        for (IssuedDeliverable d : issued) {
            com.vaadin.flow.component.html.ListItem item = new com.vaadin.flow.component.html.ListItem();
            item.addClassName("deliverable");
            item.getElement().setAttribute("data-kind", d.kind());
            item.getElement().setAttribute("data-status", d.status().name());
            item.add(new com.vaadin.flow.component.html.Span(d.title().get(locale) + " · "
                    + view.getTranslation("verify.status." + d.status().name())));
            if (d.expiresAt() != null) {
                item.add(new com.vaadin.flow.component.html.Span(" · " + view.getTranslation("candidature.validUntil",
                        dates.format(d.expiresAt().atZone(java.time.ZoneId.of("Europe/Paris"))))));
            }
            item.add(new com.vaadin.flow.component.html.Span(" "), download(view, actor, d));
            list.add(item);
        }
        return list;
    }
}
