package org.guichets.portal;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Article;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.IFrame;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.guichets.api.Requirement;
import org.guichets.api.candidature.ChapterState;
import org.guichets.api.candidature.ChapterView;
import org.guichets.api.candidature.EvidenceFile;
import org.guichets.api.candidature.EvidenceService;
import org.guichets.api.candidature.FileVerdict;
import org.guichets.api.candidature.Verdict;
import org.guichets.api.error.GuichetsException;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.PlatformRole;

/**
 * A chapter as the reviewer instructs it: each requirement with its files, each file previewed in
 * the page (PDF and images) or downloaded, the checks' findings beside it, a verdict per file with
 * a comment; the chapter validated when every file conforms, returned otherwise.
 */
@Route(value = "agence/candidature/:number/chapitre/:chapter", layout = PortalLayout.class)
@StaffOnly({PlatformRole.REVIEWER, PlatformRole.COMMITTEE})
public final class ChapterReviewView extends CandidaturePage {

    private final Errors errors = new Errors();
    private String chapterId = "";

    public ChapterReviewView() {
        super("chapter-review");
    }

    @Override
    protected void parameters(RouteParameters parameters) {
        chapterId = parameters.get("chapter").orElse("");
    }

    @Override
    protected void render() {
        content.removeAll();
        errors.clear();
        Actor actor = PortalSession.require();
        Locale locale = getLocale();
        ChapterView view;
        try {
            view = service(EvidenceService.class).chapter(actor, number, chapterId);
        } catch (GuichetsException e) {
            denied();
            return;
        } catch (IllegalStateException e) {
            unavailable();
            return;
        }
        RouterLink back = new RouterLink(getTranslation("review.back", number), InstructionView.class,
                new RouteParameters("number", number));
        back.setId("back-to-instruction");
        back.getStyle().set("text-decoration", "underline");
        ChapterState state = view.progress().state();
        Paragraph status = new Paragraph(getTranslation("evidence.loaded", view.progress().loaded(), view.progress().expected())
                + " · " + getTranslation("chapterState." + state.name()));
        status.setId("review-state");
        status.getElement().setAttribute("data-state", state.name());
        status.getElement().setAttribute("role", "status");
        content.add(back, new H1(view.chapter().title().get(locale)), status);
        boolean reviewable = state == ChapterState.SUBMITTED && actor.has(PlatformRole.REVIEWER) && !view.chapter().withForm();
        Map<Long, RadioButtonGroup<Verdict>> verdicts = new LinkedHashMap<>();
        Map<Long, TextField> comments = new LinkedHashMap<>();
        for (Requirement r : view.requirements()) {
            Div block = new Div();
            block.addClassName("requirement");
            block.getElement().setAttribute("data-ref", r.ref());
            block.add(new H2(r.ref() + " · " + getTranslation(r.mandatory() ? "evidence.must" : "evidence.should")));
            block.add(new Paragraph(r.statement().get(locale)));
            List<EvidenceFile> files = view.files().stream().filter(f -> f.requirementRef().equals(r.ref())).toList();
            if (files.isEmpty()) {
                block.add(new Paragraph(getTranslation("review.noFile")));
            }
            for (EvidenceFile f : files) {
                block.add(file(actor, f, locale, reviewable, verdicts, comments));
            }
            content.add(block);
        }
        if (reviewable) {
            Button submit = new Button(getTranslation("review.submit"), e -> {
                Map<Long, FileVerdict> given = new LinkedHashMap<>();
                verdicts.forEach((id, group) -> {
                    if (group.getValue() != null) {
                        given.put(id, new FileVerdict(group.getValue(), comments.get(id).getValue()));
                    }
                });
                try {
                    service(EvidenceService.class).review(actor, number, chapterId, view.progress().version(), given);
                    render();
                } catch (GuichetsException ex) {
                    errors.show(ex, getLocale());
                }
            });
            submit.setId("review-submit");
            submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            content.add(errors.area(), submit);
        }
    }

    private Component file(Actor actor, EvidenceFile f, Locale locale, boolean reviewable,
            Map<Long, RadioButtonGroup<Verdict>> verdicts, Map<Long, TextField> comments) {
        Article a = new Article();
        a.addClassName("review-file");
        a.setId("file-" + f.id());
        a.getElement().setAttribute("data-file", Long.toString(f.id()));
        a.getElement().setAttribute("data-name", f.fileName());
        a.getStyle().set("border", "1px solid var(--lumo-contrast-20pct)").set("border-radius", "var(--lumo-border-radius-m)")
                .set("padding", "var(--lumo-space-s)").set("margin-bottom", "var(--lumo-space-m)");
        Span name = new Span(f.fileName() + " (" + ChapterPanel.size(f.size(), locale) + ", " + f.mediaType() + ") · "
                + Display.dateTime(locale, f.uploadedAt()));
        name.getStyle().set("font-weight", "600");
        DownloadHandler download = DownloadHandler.fromInputStream(event -> {
            java.io.InputStream in = PlatformServices.current().get(EvidenceService.class).orElseThrow().open(actor, number, f.id());
            return new DownloadResponse(in, f.fileName(), f.mediaType(), f.size());
        });
        Anchor link = new Anchor(download, getTranslation("review.download", f.fileName()));
        link.setId("download-file-" + f.id());
        link.getElement().setAttribute("download", true);
        link.getStyle().set("text-decoration", "underline").set("margin-left", "var(--lumo-space-s)");
        a.add(name, link);
        a.add(preview(actor, f));
        ChapterPanel.checks(this, f, locale).forEach(a::add);
        if (f.verdict() != null) {
            Paragraph given = new Paragraph(getTranslation("verdict." + f.verdict().name())
                    + (f.comment() == null ? "" : " · " + f.comment()));
            given.addClassName("verdict");
            given.getElement().setAttribute("data-verdict", f.verdict().name());
            a.add(given);
        }
        if (reviewable) {
            RadioButtonGroup<Verdict> verdict = new RadioButtonGroup<>(getTranslation("review.verdict", f.fileName()));
            verdict.setId("verdict-" + f.id());
            verdict.setItems(Verdict.values());
            verdict.setItemLabelGenerator(v -> getTranslation("verdict." + v.name()));
            verdict.setValue(f.verdict());
            TextField comment = new TextField(getTranslation("review.comment"));
            comment.setId("verdict-comment-" + f.id());
            comment.setWidthFull();
            comment.setMaxLength(2000);
            comment.setValue(f.comment() == null ? "" : f.comment());
            errors.field("file." + f.id(), verdict);
            verdicts.put(f.id(), verdict);
            comments.put(f.id(), comment);
            a.add(verdict, comment);
        }
        return a;
    }

    /** The file shown in the page when the browser can (PDF, images), read with the reviewer's rights. */
    private Component preview(Actor actor, EvidenceFile f) {
        String type = f.mediaType() == null ? "" : f.mediaType();
        if (!type.equals("application/pdf") && !type.startsWith("image/")) {
            return new Span();
        }
        DownloadHandler inline = DownloadHandler.fromInputStream(event -> {
            java.io.InputStream in = PlatformServices.current().get(EvidenceService.class).orElseThrow().open(actor, number, f.id());
            return new DownloadResponse(in, f.fileName(), type, f.size());
        }).inline();
        if (type.startsWith("image/")) {
            Image image = new Image(inline, getTranslation("review.preview", f.fileName()));
            image.addClassName("preview");
            image.getStyle().set("max-width", "100%").set("display", "block");
            return image;
        }
        // a PDF viewer per file is heavy and steals the focus: each opens on demand
        com.vaadin.flow.component.details.Details details = new com.vaadin.flow.component.details.Details(
                getTranslation("review.preview", f.fileName()));
        details.setId("preview-" + f.id());
        details.addOpenedChangeListener(e -> {
            if (e.isOpened() && details.getContent().findAny().isEmpty()) {
                IFrame frame = new IFrame();
                frame.addClassName("preview");
                frame.getElement().setAttribute("src", inline);
                frame.getElement().setAttribute("title", getTranslation("review.preview", f.fileName()));
                frame.setWidth("100%");
                frame.setHeight("28rem");
                frame.getStyle().set("border", "none").set("display", "block");
                details.add(frame);
            }
        });
        return details;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("review.pageTitle", number);
    }
}
