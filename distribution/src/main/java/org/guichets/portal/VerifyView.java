package org.guichets.portal;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Main;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.UploadHandler;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Optional;
import org.guichets.api.deliverable.DeliverableService;
import org.guichets.api.deliverable.DeliverableVerifier;
import org.guichets.api.deliverable.Expectation;
import org.guichets.api.deliverable.IssuedDeliverable;
import org.guichets.api.deliverable.Verification;

/**
 * The public verification page of signed deliverables (no sign-in): {@code /verify/{id}} shows
 * what the registry says of a deliverable (the address its QR code carries), and a PDF uploaded
 * here gets the verifier's answer: signature, chain to the agency, and registry status.
 */
@Route("verify/:id?")
public final class VerifyView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    /** The largest PDF accepted for verification. */
    static final int MAX_PDF_BYTES = 10 * 1024 * 1024;
    private static final ZoneId AGENCY_ZONE = ZoneId.of("Europe/Paris");

    private final Div registry = new Div();
    private final Div verdict = new Div();
    private final TextField idField = new TextField();
    private final Upload upload = new Upload();

    public VerifyView() {
        setId("verify");
        registry.setId("registry-status");
        verdict.setId("verification-verdict");
        H1 title = new H1(getTranslation("verify.title"));
        Paragraph intro = new Paragraph(getTranslation("verify.intro"));

        idField.setId("deliverable-id");
        idField.setLabel(getTranslation("verify.id.label"));
        idField.setPlaceholder("HAB-XXXX-XXXX-XXXX");
        Button lookup = new Button(getTranslation("verify.id.button"), e -> {
            String id = idField.getValue() == null ? "" : idField.getValue().strip().toUpperCase(Locale.ROOT);
            UI.getCurrent().navigate("verify/" + id);
        });
        lookup.setId("lookup");
        lookup.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout byId = new HorizontalLayout(idField, lookup);
        byId.setDefaultVerticalComponentAlignment(Alignment.BASELINE);

        upload.setId("pdf-upload");
        upload.setAcceptedFileTypes("application/pdf", ".pdf");
        upload.setMaxFileSize(MAX_PDF_BYTES);
        upload.setMaxFiles(1);
        upload.setDropAllowed(true);
        upload.setI18n(UploadTexts.of(this));
        UI[] ui = new UI[1];
        addAttachListener(e -> ui[0] = e.getUI());
        upload.setUploadHandler(UploadHandler.inMemory((metadata, bytes) -> ui[0].access(() -> {
            showVerification(verify(bytes));
            upload.clearFileList();
        })));
        upload.addFileRejectedListener(e -> showError(getTranslation("verify.upload.rejected",
                MAX_PDF_BYTES / (1024 * 1024))));
        Section byFile = new Section(new H2(getTranslation("verify.upload.title")),
                new Paragraph(getTranslation("verify.upload.intro")), upload, verdict);

        Main main = new Main(title, intro, byId, registry, byFile);
        main.setWidthFull();
        main.getStyle().set("max-width", "48rem");
        add(new Anchor("", "Guichets"), main);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("verify.pageTitle");
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        registry.removeAll();
        verdict.removeAll();
        Optional<String> id = event.getRouteParameters().get("id");
        if (id.isEmpty() || id.get().isBlank()) {
            return;
        }
        idField.setValue(id.get());
        Optional<DeliverableService> service = PlatformServices.current().get(DeliverableService.class);
        if (service.isEmpty()) {
            registry.add(status("error", getTranslation("verify.unavailable")));
            return;
        }
        Optional<IssuedDeliverable> found = service.get().lookup(id.get().strip().toUpperCase(Locale.ROOT));
        if (found.isEmpty()) {
            registry.add(status("error", getTranslation("verify.unknown", id.get())));
            return;
        }
        registry.add(describe(found.get()));
    }

    private Verification verify(byte[] pdf) {
        Optional<DeliverableVerifier> verifier = PlatformServices.current().get(DeliverableVerifier.class);
        return verifier.map(v -> v.verify(pdf, Expectation.any())).orElse(null);
    }

    private void showVerification(Verification v) {
        verdict.removeAll();
        if (v == null) {
            verdict.add(status("error", getTranslation("verify.unavailable")));
            return;
        }
        Div answer = status(v.valid() ? "success" : "error", v.message(getLocale()));
        answer.setId("verdict-" + v.outcome().name());
        verdict.add(answer);
        if (v.signer() != null) {
            verdict.add(new Paragraph(getTranslation("verify.signer", v.signer())));
        }
        if (v.timestamped() && v.signedAt() != null) {
            verdict.add(new Paragraph(getTranslation("verify.timestamped", dateTime(v.signedAt()))));
        }
        if (v.deliverable() != null) {
            verdict.add(describe(v.deliverable()));
        }
    }

    private void showError(String message) {
        verdict.removeAll();
        verdict.add(status("error", message));
    }

    /** What the registry says of a deliverable. */
    private Div describe(IssuedDeliverable d) {
        Div card = new Div();
        card.addClassName("deliverable");
        card.getStyle().set("border", "1px solid var(--lumo-contrast-20pct)").set("border-radius", "var(--lumo-border-radius-l)")
                .set("padding", "var(--lumo-space-m)").set("margin-top", "var(--lumo-space-m)");
        String statusKey = "verify.status." + d.status().name();
        Span badge = new Span(getTranslation(statusKey));
        badge.getElement().getThemeList().add("badge " + switch (d.status()) {
            case VALID -> "success";
            case PENDING -> "contrast";
            default -> "error";
        });
        badge.setId("status-" + d.status().name());
        card.add(new H2(d.title().get(getLocale())), badge);
        card.add(row("verify.field.id", d.id()));
        card.add(row("verify.field.company", d.organizationName()));
        card.add(row("verify.field.software", d.softwareName() == null ? null : d.softwareName() + " " + d.softwareVersion()));
        card.add(row("verify.field.nru", d.nru()));
        card.add(row("verify.field.profiles", d.profiles().isEmpty() ? null : String.join(", ", d.profiles())));
        card.add(row("verify.field.issued", d.issuedAt() == null ? null : date(d.issuedAt())));
        card.add(row("verify.field.expires", d.expiresAt() == null ? null : date(d.expiresAt())));
        if (d.revokedAt() != null) {
            card.add(row("verify.field.revoked", date(d.revokedAt()) + " — " + d.revocationReason()));
        }
        return card;
    }

    private Paragraph row(String labelKey, String value) {
        Span label = new Span(getTranslation(labelKey) + " : ");
        label.getStyle().set("font-weight", "600");
        return new Paragraph(label, new Span(value == null || value.isBlank() ? "—" : value));
    }

    private static Div status(String theme, String text) {
        Div d = new Div(new Span(text));
        d.getElement().setAttribute("role", "status");
        d.getStyle().set("padding", "var(--lumo-space-s) var(--lumo-space-m)").set("border-radius", "var(--lumo-border-radius-m)")
                .set("background", "var(--lumo-" + theme + "-color-10pct)").set("color", "var(--lumo-" + theme + "-text-color)");
        return d;
    }

    private String date(Instant t) {
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(getLocale()).format(t.atZone(AGENCY_ZONE));
    }

    private String dateTime(Instant t) {
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM).withLocale(getLocale()).format(t.atZone(AGENCY_ZONE));
    }
}
