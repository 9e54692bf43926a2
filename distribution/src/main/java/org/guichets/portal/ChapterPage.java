package org.guichets.portal;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import java.util.Locale;
import org.guichets.api.candidature.ChapterView;
import org.guichets.api.candidature.EvidenceService;
import org.guichets.api.error.GuichetsException;
import org.guichets.api.identity.Actor;

/**
 * A chapter of the evidence deposit: its requirements, the files of each piece with
 * the checks' findings and the reviewer's comments, uploads while it takes deposits, and
 * "Soumettre le chapitre".
 */
@Route(value = "candidature/:number/preuves/:chapter", layout = PortalLayout.class)
@SignInRequired
public final class ChapterPage extends CandidaturePage {

    private final Errors errors = new Errors();
    private String chapterId;

    public ChapterPage() {
        super("chapter");
    }

    @Override
    protected void parameters(com.vaadin.flow.router.RouteParameters parameters) {
        chapterId = parameters.get("chapter").orElse("");
    }

    @Override
    protected void render() {
        content.removeAll();
        Actor actor = PortalSession.require();
        Locale locale = getLocale();
        ChapterView view;
        try {
            view = service(EvidenceService.class)
                    .chapter(actor, number, chapterId);
        } catch (GuichetsException e) {
            denied();
            return;
        } catch (IllegalStateException e) {
            unavailable();
            return;
        }
        RouterLink back = new RouterLink(getTranslation("chapter.back"), EvidenceView.class, new RouteParameters("number", number));
        back.setId("back-to-evidence");
        back.getStyle().set("text-decoration", "underline");
        Paragraph state = new Paragraph(getTranslation("evidence.loaded", view.progress().loaded(), view.progress().expected())
                + " · " + getTranslation("chapterState." + view.progress().state().name()));
        state.setId("chapter-state");
        state.getElement().setAttribute("data-state", view.progress().state().name());
        state.getElement().setAttribute("role", "status");
        content.add(back, new H1(view.chapter().title().get(locale)), state, errors.area());
        if (view.chapter().description() != null) {
            content.add(new Paragraph(view.chapter().description().get(locale)));
        }
        boolean open = ChapterPanel.open(view.progress().state()) && !view.chapter().withForm();
        String dispositifId = PlatformServices.current().get(org.guichets.api.candidature.CandidatureService.class)
                .map(sv -> sv.get(actor, number).dispositifId()).orElse("");
        content.add(new ChapterPanel(actor, number, dispositifId, view, open, this::render));
        if (open) {
            Button submit = new Button(getTranslation("chapter.submit"), e -> {
                try {
                    service(EvidenceService.class)
                            .submit(actor, number, chapterId, view.progress().version());
                    render();
                } catch (GuichetsException ex) {
                    errors.show(ex, getLocale());
                } catch (IllegalStateException ex) {
                    errors.show(getTranslation("portal.unavailable"));
                }
            });
            submit.setId("chapter-submit");
            submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            content.add(submit);
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("chapter.pageTitle", number);
    }
}
