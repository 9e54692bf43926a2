package org.guichets.portal;

import com.vaadin.flow.component.Composite;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.server.streams.UploadHandler;
import java.util.List;
import java.util.Locale;
import org.guichets.api.EvidenceSpec;
import org.guichets.api.LocalizedText;
import org.guichets.api.Requirement;
import org.guichets.api.candidature.ChapterState;
import org.guichets.api.candidature.ChapterView;
import org.guichets.api.candidature.EvidenceFile;
import org.guichets.api.candidature.EvidenceService;
import org.guichets.api.check.CheckResult;
import org.guichets.api.error.GuichetsException;
import org.guichets.api.identity.Actor;

/**
 * The requirements of a chapter: for each piece, what is asked, the files deposited
 * with what the scheme's checks found in them and the reviewer's verdict and
 * comment; while the chapter takes deposits, an upload per piece (several files each, with a
 * progress bar) and removal of a file. Used by the evidence pages and, for the chapters deposited
 * with it, by the administrative form.
 */
final class ChapterPanel extends Composite<Div> {

    private final Actor actor;
    private final String number;
    private final Runnable changed;
    private final String dispositifId;

    ChapterPanel(Actor actor, String number, String dispositifId, ChapterView view, boolean open, Runnable changed) {
        this.actor = actor;
        this.number = number;
        this.dispositifId = dispositifId;
        this.changed = changed;
        Div root = getContent();
        root.addClassName("chapter-panel");
        root.getElement().setAttribute("data-chapter", view.chapter().id());
        Locale locale = UI.getCurrent().getLocale();
        for (Requirement r : view.requirements()) {
            Section req = new Section();
            req.addClassName("requirement");
            req.getElement().setAttribute("data-requirement", r.ref());
            req.getStyle().set("border-top", "1px solid var(--lumo-contrast-20pct)").set("padding", "var(--lumo-space-s) 0");
            req.add(new H3(r.ref() + " · " + getTranslation(r.mandatory() ? "evidence.must" : "evidence.should")));
            req.add(new Paragraph(r.statement().get(locale)));
            for (EvidenceSpec spec : r.evidence()) {
                req.add(piece(view, r, spec, open, locale));
            }
            root.add(req);
        }
    }

    private Div piece(ChapterView view, Requirement r, EvidenceSpec spec, boolean open, Locale locale) {
        Div piece = new Div();
        String key = r.ref() + "/" + spec.id();
        String id = ("piece-" + r.ref() + "-" + spec.id()).replaceAll("[^A-Za-z0-9_-]", "-");
        piece.setId(id);
        piece.addClassName("piece");
        Span label = new Span(spec.label().get(locale) + (spec.optional() ? " " + getTranslation("evidence.optional") : ""));
        label.getStyle().set("font-weight", "600");
        piece.add(new Paragraph(label, new Span(" · " + getTranslation("evidence.kind." + spec.kind().name()))));
        if (spec.template() != null) {
            piece.add(new Paragraph(template(spec.template(), id)));
        }
        UnorderedList files = new UnorderedList();
        files.addClassName("files");
        for (EvidenceFile f : view.files()) {
            if ((f.requirementRef() + "/" + f.evidenceId()).equals(key)) {
                files.add(file(f, open, locale));
            }
        }
        piece.add(files);
        if (open) {
            Div error = new Div();
            error.getElement().setAttribute("role", "alert");
            error.getStyle().set("color", "var(--lumo-error-text-color)");
            Upload upload = new Upload();
            upload.setId(id + "-upload");
            upload.setDropAllowed(true);
            upload.setMaxFiles(10);
            upload.setI18n(UploadTexts.of(this));
            if (spec.maxBytes() > 0) {
                upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, spec.maxBytes()));
            }
            upload.setAcceptedFileTypes(accepted(spec.mediaTypes()));
            upload.setUploadHandler(handler(view.chapter().id(), r.ref(), spec.id(), error, upload));
            upload.addFileRejectedListener(e -> error.setText(e.getErrorMessage()));
            // the page is redrawn once every file of the batch is in: a redraw would cut the others short
            upload.addAllFinishedListener(e -> changed.run());
            upload.getElement().setAttribute("aria-label", getTranslation("evidence.upload.label", spec.label().get(locale)));
            piece.add(upload, error);
        }
        return piece;
    }

    /** The template the scheme offers for this piece, read from its plugin when downloaded. */
    private com.vaadin.flow.component.html.Anchor template(String path, String pieceId) {
        String fileName = path.substring(path.lastIndexOf('/') + 1);
        com.vaadin.flow.server.streams.DownloadHandler handler = com.vaadin.flow.server.streams.DownloadHandler.fromInputStream(e -> {
            java.io.InputStream in = PlatformServices.current().get(org.guichets.api.DispositifRegistry.class).orElseThrow()
                    .openTemplate(dispositifId, path).orElseThrow(() -> new java.io.FileNotFoundException(path));
            return new com.vaadin.flow.server.streams.DownloadResponse(in, fileName,
                    fileName.endsWith(".csv") ? "text/csv" : "application/octet-stream", -1);
        });
        com.vaadin.flow.component.html.Anchor a = new com.vaadin.flow.component.html.Anchor(handler,
                getTranslation("evidence.template", fileName));
        a.setId(pieceId + "-template");
        a.getElement().setAttribute("download", true);
        a.getStyle().set("text-decoration", "underline");
        return a;
    }

    /** Streams the file to the evidence service as it arrives: nothing is buffered in the portal. */
    private UploadHandler handler(String chapter, String ref, String evidence, Div error, Upload upload) {
        return event -> {
            UI ui = event.getUI();
            try {
                PlatformServices.current().get(EvidenceService.class).orElseThrow(() -> new IllegalStateException("unavailable"))
                        .upload(actor, number, chapter, ref, evidence, event.getFileName(), event.getInputStream());
                ui.access(() -> error.setText(""));
            } catch (GuichetsException e) {
                ui.access(() -> {
                    error.setText(e.getMessage(ui.getLocale()));
                    upload.clearFileList();
                });
            } catch (IllegalStateException e) {
                ui.access(() -> error.setText(ui.getTranslation("portal.unavailable")));
            }
        };
    }

    private ListItem file(EvidenceFile f, boolean open, Locale locale) {
        ListItem item = new ListItem();
        item.addClassName("file");
        item.getElement().setAttribute("data-file", Long.toString(f.id()));
        item.add(new Span(f.fileName() + " (" + size(f.size(), locale) + ")"));
        if (f.verdict() != null) {
            Span verdict = new Span(" · " + getTranslation("verdict." + f.verdict().name()));
            verdict.addClassName("verdict");
            item.add(verdict);
        }
        if (f.comment() != null) {
            Paragraph comment = new Paragraph(getTranslation("evidence.reviewerComment", f.comment()));
            comment.addClassName("reviewer-comment");
            item.add(comment);
        }
        checks(this, f, locale).forEach(item::add);
        if (open && f.verdict() == null) {
            Button remove = new Button(getTranslation("evidence.remove"), e -> {
                try {
                    PlatformServices.current().get(EvidenceService.class).orElseThrow(() -> new IllegalStateException("unavailable"))
                            .deleteFile(actor, number, f.id());
                    changed.run();
                } catch (GuichetsException ex) {
                    Notification.show(ex.getMessage(locale), 5000, Notification.Position.MIDDLE);
                } catch (java.io.IOException | IllegalStateException ex) {
                    Notification.show(getTranslation("portal.unavailable"), 5000, Notification.Position.MIDDLE);
                }
            });
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            remove.getElement().setAttribute("aria-label", getTranslation("evidence.remove.label", f.fileName()));
            item.add(remove);
        }
        return item;
    }

    /** What the scheme's checks found in a file: the outcome, the summary, the reasons. */
    static List<Div> checks(com.vaadin.flow.component.Component view, EvidenceFile f, Locale locale) {
        List<Div> out = new java.util.ArrayList<>();
        for (CheckResult r : f.checks()) {
            Div check = new Div();
            check.addClassName("check");
            check.getElement().setAttribute("data-outcome", r.outcome().name());
            Span summary = new Span(view.getTranslation("check." + r.outcome().name()) + " " + r.summary().get(locale));
            check.add(summary);
            List<LocalizedText> details = r.details();
            if (!details.isEmpty()) {
                UnorderedList reasons = new UnorderedList();
                details.forEach(d -> reasons.add(new ListItem(d.get(locale))));
                check.add(reasons);
            }
            out.add(check);
        }
        return out;
    }

    static String size(long bytes, Locale locale) {
        java.text.NumberFormat nf = java.text.NumberFormat.getNumberInstance(locale);
        nf.setMaximumFractionDigits(1);
        String[] units = UI.getCurrent().getTranslation("upload.units").split(",");
        return bytes < 1024 ? bytes + "\u00a0" + units[0] : bytes < 1024 * 1024 ? nf.format(bytes / 1024.0) + "\u00a0" + units[1]
                : nf.format(bytes / 1048576.0) + "\u00a0" + units[2];
    }

    /** The types a browser offers to pick: the media types, and the extensions that carry them. */
    static String[] accepted(java.util.Set<String> mediaTypes) {
        java.util.List<String> out = new java.util.ArrayList<>(mediaTypes);
        for (String t : mediaTypes) {
            switch (t) {
                case "application/pdf" -> out.add(".pdf");
                case "text/plain" -> out.addAll(List.of(".txt", ".csv", "text/csv"));
                case "application/json" -> out.add(".json");
                case "image/png" -> out.add(".png");
                case "image/jpeg" -> out.addAll(List.of(".jpg", ".jpeg"));
                default -> { }
            }
        }
        return out.toArray(String[]::new);
    }

    /** Whether a chapter in this state takes deposits. */
    static boolean open(ChapterState state) {
        return state == ChapterState.TO_COMPLETE || state == ChapterState.RETURNED;
    }
}
