package org.guichets.portal;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.guichets.api.Chapter;
import org.guichets.api.Deliverable;
import org.guichets.api.Guichet;
import org.guichets.api.candidature.CandidatureService;
import org.guichets.api.candidature.ChapterProgress;
import org.guichets.api.candidature.EvidenceDeposit;
import org.guichets.api.candidature.EvidenceService;
import org.guichets.api.deliverable.DeliverableService;
import org.guichets.api.deliverable.IssuedDeliverable;
import org.guichets.api.error.GuichetsException;
import org.guichets.api.identity.Actor;

/**
 * The evidence deposit: the counters "x/y chapitres soumis dont z validés · a/b
 * preuves soumises dont c validées", a tile per chapter with "n/m preuves chargées" and its state,
 * and the tile of a deliverable a chapter's validation issues, waiting with the scheme's message.
 */
@Route(value = "candidature/:number/preuves", layout = PortalLayout.class)
@SignInRequired
public final class EvidenceView extends CandidaturePage {

    public EvidenceView() {
        super("evidence");
    }

    @Override
    protected void render() {
        content.removeAll();
        Actor actor = PortalSession.require();
        Locale locale = getLocale();
        EvidenceDeposit deposit;
        Guichet guichet;
        List<IssuedDeliverable> issued;
        try {
            guichet = service(CandidatureService.class).guichet(actor, number);
            deposit = service(EvidenceService.class).deposit(actor, number);
            issued = PlatformServices.current().get(DeliverableService.class).map(s -> s.forCandidature(actor, number))
                    .orElse(List.of());
        } catch (GuichetsException e) {
            denied();
            return;
        } catch (IllegalStateException e) {
            unavailable();
            return;
        }
        RouterLink back = backToCandidature();
        content.add(back, new H1(getTranslation("evidence.title", guichet.name().get(locale))));
        Paragraph counters = new Paragraph(getTranslation("evidence.counters", deposit.chaptersSubmitted(), deposit.chaptersTotal(),
                deposit.chaptersValidated(), deposit.evidenceSubmitted(), deposit.evidenceTotal(), deposit.evidenceValidated()));
        counters.setId("evidence-counters");
        content.add(counters);
        Div tiles = new Div();
        tiles.setId("chapter-tiles");
        tiles.getStyle().set("display", "flex").set("flex-wrap", "wrap").set("gap", "var(--lumo-space-m)");
        for (ChapterProgress p : deposit.chapters()) {
            Chapter chapter = guichet.chapter(p.chapterId()).orElse(null);
            Section tile = tile(p.chapterId());
            RouterLink link = new RouterLink(chapter == null ? p.chapterId() : chapter.title().get(locale), ChapterPage.class,
                    new RouteParameters(Map.of("number", number, "chapter", p.chapterId())));
            link.getStyle().set("font-weight", "600").set("text-decoration", "underline");
            tile.add(link, new Paragraph(getTranslation("evidence.loaded", p.loaded(), p.expected())),
                    state(getTranslation("chapterState." + p.state().name()), p.state().name()));
            tiles.add(tile);
        }
        // the deliverables a chapter issues, waiting until it is validated
        for (Deliverable d : guichet.deliverables()) {
            if (d.chapterValidated() == null) {
                continue;
            }
            Section tile = tile("deliverable-" + d.id());
            tile.addClassName("deliverable-tile");
            tile.add(new Span(d.title().get(locale)));
            IssuedDeliverable done = issued.stream().filter(i -> i.declarationId().equals(d.id())).reduce((a, b) -> b).orElse(null);
            if (done == null) {
                String waiting = d.waitingMessage() != null ? d.waitingMessage().get(locale)
                        : getTranslation("deliverable.waiting", guichet.chapter(d.chapterValidated()).map(c -> c.title().get(locale))
                                .orElse(d.chapterValidated()));
                tile.add(state(waiting, "WAITING"));
            } else {
                tile.add(state(getTranslation("verify.status." + done.status().name()), done.status().name()),
                        DeliverableLinks.download(this, actor, done));
            }
            tiles.add(tile);
        }
        content.add(new H2(getTranslation("evidence.chapters")), tiles);
    }

    private static Section tile(String id) {
        Section tile = new Section();
        tile.addClassName("chapter-tile");
        tile.getElement().setAttribute("data-chapter", id);
        tile.getStyle().set("border", "1px solid var(--lumo-contrast-20pct)").set("border-radius", "var(--lumo-border-radius-l)")
                .set("padding", "var(--lumo-space-m)").set("width", "16rem");
        return tile;
    }

    private static Paragraph state(String text, String state) {
        Paragraph p = new Paragraph(text);
        p.addClassName("tile-state");
        p.getElement().setAttribute("data-state", state);
        return p;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("evidence.pageTitle", number);
    }
}
