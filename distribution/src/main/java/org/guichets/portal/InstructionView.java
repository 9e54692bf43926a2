package org.guichets.portal;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.guichets.api.Chapter;
import org.guichets.api.FormField;
import org.guichets.api.FormSection;
import org.guichets.api.Guichet;
import org.guichets.api.audit.AuditEntry;
import org.guichets.api.audit.AuditTrail;
import org.guichets.api.candidature.AdministrativeForm;
import org.guichets.api.candidature.Candidature;
import org.guichets.api.candidature.CandidatureService;
import org.guichets.api.candidature.ChapterProgress;
import org.guichets.api.candidature.CommitteeService;
import org.guichets.api.candidature.ConversationService;
import org.guichets.api.candidature.Decision;
import org.guichets.api.candidature.DecisionOutcome;
import org.guichets.api.candidature.EvidenceDeposit;
import org.guichets.api.candidature.EvidenceService;
import org.guichets.api.candidature.FormService;
import org.guichets.api.candidature.Reservation;
import org.guichets.api.candidature.ReviewQueue;
import org.guichets.api.candidature.Step;
import org.guichets.api.candidature.StepState;
import org.guichets.api.deliverable.DeliverableService;
import org.guichets.api.deliverable.IssuedDeliverable;
import org.guichets.api.error.GuichetsException;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.IdentityService;
import org.guichets.api.identity.PlatformRole;

/**
 * A candidature as the agency instructs it: who applies for what, the administrative form with a
 * comment per field (validated or returned), the evidence chapters to review, the committee's
 * decision with its reservations, the signed deliverables, the conversation with the candidate
 * and the candidature's history from the audit trail.
 */
@Route(value = "agence/candidature/:number", layout = PortalLayout.class)
@StaffOnly({PlatformRole.REVIEWER, PlatformRole.COMMITTEE})
public final class InstructionView extends CandidaturePage {

    private final Errors errors = new Errors();

    public InstructionView() {
        super("instruction");
    }

    @Override
    protected void render() {
        content.removeAll();
        errors.clear();
        Actor actor = PortalSession.require();
        Locale locale = getLocale();
        Candidature c;
        Guichet guichet;
        AdministrativeForm form;
        try {
            CandidatureService candidatures = service(CandidatureService.class);
            c = candidatures.get(actor, number);
            guichet = candidatures.guichet(actor, number);
            form = service(FormService.class).get(actor, number);
        } catch (GuichetsException e) {
            denied();
            return;
        } catch (IllegalStateException e) {
            unavailable();
            return;
        }
        RouterLink back = new RouterLink(getTranslation("instruction.back"), QueueView.class);
        back.getStyle().set("text-decoration", "underline");
        content.add(back, new H1(getTranslation("instruction.title", number, guichet.name().get(locale))));
        String organization = PlatformServices.current().get(IdentityService.class)
                .map(s -> s.organization(actor, c.organizationId()).legalName()).orElse("");
        String product = PlatformServices.current().get(org.guichets.api.catalog.ProductService.class)
                .map(s -> s.get(actor, c.productId())).map(p -> p.name() + " " + p.softwareVersion()).orElse("");
        content.add(Display.line(this, "candidature.scheme", Display.scheme(c.dispositifId(), locale), "scheme"),
                Display.line(this, "instruction.organization", organization, "organization"),
                Display.line(this, "candidature.product", product, "product"),
                Display.line(this, "candidature.nru", c.nru(), "nru"),
                Display.line(this, "candidature.referential", c.referentialVersion(), "referential"),
                Display.line(this, "instruction.steps", List.of(Step.values()).stream()
                        .map(s -> getTranslation("step." + s.name()) + " : " + getTranslation("stepState." + c.state(s).name()))
                        .collect(Collectors.joining(" · ")), "steps"));
        Button claim = new Button(getTranslation("queue.claim"), e -> {
            try {
                service(ReviewQueue.class).claim(actor, number);
                e.getSource().setEnabled(false);
                e.getSource().setText(getTranslation("instruction.claimed"));
                errors.clear();
            } catch (GuichetsException ex) {
                errors.show(ex, getLocale());
            }
        });
        claim.setId("instruction-claim");
        content.add(claim, errors.area());

        formSection(actor, c, guichet, form, locale);
        if (c.state(Step.EVIDENCE) != StepState.LOCKED) {
            chapters(actor, guichet, form, locale);
        }
        if (c.state(Step.HABILITATION) != StepState.LOCKED) {
            decision(actor, c);
        }
        List<IssuedDeliverable> issued = PlatformServices.current().get(DeliverableService.class)
                .map(s -> s.forCandidature(actor, number)).orElse(List.of());
        if (!issued.isEmpty()) {
            content.add(new H2(getTranslation("candidature.deliverables")), DeliverableLinks.list(this, actor, issued));
        }
        PlatformServices.current().get(ConversationService.class).ifPresent(s -> {
            content.add(new H2(getTranslation("instruction.conversation")),
                    new ConversationPanel(actor, number, s, s.read(actor, number)));
            s.markRead(actor, number);
        });
        history(actor, locale);
    }

    private void formSection(Actor actor, Candidature c, Guichet guichet, AdministrativeForm form, Locale locale) {
        Div section = new Div();
        section.setId("form-review");
        section.getElement().setAttribute("data-state", form.state().name());
        section.add(new H2(getTranslation("step.FORM") + " · " + getTranslation("stepState." + form.state().name())));
        boolean reviewable = form.state() == StepState.SUBMITTED && actor.has(PlatformRole.REVIEWER);
        Map<String, TextField> comments = new LinkedHashMap<>();
        Errors formErrors = new Errors();
        for (FormSection s : guichet.form()) {
            section.add(new H3(s.title().get(locale)));
            for (FormField field : s.fields()) {
                Div row = new Div();
                row.addClassName("form-value");
                row.getElement().setAttribute("data-field", field.id());
                Span label = new Span(getTranslation("colon", field.label().get(locale)) + " ");
                Span value = new Span(display(field, form, locale));
                value.setId("value-" + field.id());
                value.getStyle().set("font-weight", "600");
                row.add(label, value);
                String earlier = form.fieldComments().get(field.id());
                if (reviewable) {
                    TextField comment = new TextField();
                    comment.setId("comment-" + field.id());
                    comment.setAriaLabel(getTranslation("instruction.form.comment", field.label().get(locale)));
                    comment.setPlaceholder(getTranslation("instruction.form.commentPlaceholder"));
                    comment.setWidthFull();
                    comment.setMaxLength(2000);
                    comments.put(field.id(), comment);
                    formErrors.field(field.id(), comment);
                    row.add(comment);
                } else if (earlier != null) {
                    Paragraph note = new Paragraph(getTranslation("evidence.reviewerComment", earlier));
                    note.addClassName("field-comment");
                    row.add(note);
                }
                section.add(row);
            }
        }
        if (form.reviewerMessage() != null && !reviewable) {
            section.add(new Paragraph(getTranslation("instruction.form.lastMessage", form.reviewerMessage())));
        }
        if (reviewable) {
            TextArea message = new TextArea(getTranslation("instruction.form.message"));
            message.setId("form-message");
            message.setWidthFull();
            message.setMaxLength(10_000);
            formErrors.field("message", message);
            Button validate = new Button(getTranslation("instruction.form.validate"), e -> {
                try {
                    service(FormService.class).validate(actor, number, form.version());
                    render();
                } catch (GuichetsException ex) {
                    formErrors.show(ex, getLocale());
                }
            });
            validate.setId("form-validate");
            validate.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            Button ret = new Button(getTranslation("instruction.form.return"), e -> {
                Map<String, String> given = new LinkedHashMap<>();
                comments.forEach((id, tf) -> given.put(id, tf.getValue()));
                try {
                    service(FormService.class).returnToCandidate(actor, number, form.version(), given, message.getValue());
                    render();
                } catch (GuichetsException ex) {
                    formErrors.show(ex, getLocale());
                }
            });
            ret.setId("form-return");
            section.add(message, formErrors.area(), new FlexLayout(validate, new Span(" "), ret));
        }
        content.add(section);
    }

    /** A field's value as the candidate chose it: the options' labels, the profiles' names. */
    private static String display(FormField field, AdministrativeForm form, Locale locale) {
        String raw = form.values().get(field.id());
        if (raw == null || raw.isBlank()) {
            return "–";
        }
        if (!field.options().isEmpty()) {
            List<String> labels = new ArrayList<>();
            for (String v : raw.split(",")) {
                labels.add(field.options().stream().filter(o -> o.value().equals(v.strip())).findFirst()
                        .map(o -> o.label().get(locale)).orElse(v.strip()));
            }
            return String.join(", ", labels);
        }
        return raw;
    }

    private void chapters(Actor actor, Guichet guichet, AdministrativeForm form, Locale locale) {
        EvidenceDeposit deposit;
        try {
            deposit = service(EvidenceService.class).deposit(actor, number);
        } catch (GuichetsException | IllegalStateException e) {
            return;
        }
        Div section = new Div();
        section.setId("chapters-review");
        section.add(new H2(getTranslation("step.EVIDENCE") + " · " + getTranslation("stepState." + deposit.state().name())));
        Paragraph counters = new Paragraph(getTranslation("evidence.counters", deposit.chaptersSubmitted(), deposit.chaptersTotal(),
                deposit.chaptersValidated(), deposit.evidenceSubmitted(), deposit.evidenceTotal(), deposit.evidenceValidated()));
        counters.setId("review-counters");
        section.add(counters);
        UnorderedList list = new UnorderedList();
        List<String> ids = new ArrayList<>(guichet.formChaptersFor(form.profiles()).stream().map(Chapter::id).toList());
        deposit.chapters().stream().map(ChapterProgress::chapterId).forEach(ids::add);
        for (String id : ids) {
            Optional<ChapterProgress> progress = deposit.chapters().stream().filter(p -> p.chapterId().equals(id)).findFirst();
            Chapter chapter = guichet.chapter(id).orElse(null);
            ListItem item = new ListItem();
            item.addClassName("chapter-review");
            item.getElement().setAttribute("data-chapter", id);
            progress.ifPresent(p -> item.getElement().setAttribute("data-state", p.state().name()));
            RouterLink open = new RouterLink(chapter == null ? id : chapter.title().get(locale), ChapterReviewView.class,
                    new RouteParameters(Map.of("number", number, "chapter", id)));
            open.setId("review-" + id);
            item.add(open);
            item.add(new Span(progress.map(p -> " · " + getTranslation("chapterState." + p.state().name()) + " · "
                    + getTranslation("evidence.loaded", p.loaded(), p.expected()))
                    .orElse(" · " + getTranslation("instruction.withForm"))));
            list.add(item);
        }
        section.add(list);
        content.add(section);
    }

    private void decision(Actor actor, Candidature c) {
        Div section = new Div();
        section.setId("decision");
        section.add(new H2(getTranslation("instruction.decision")));
        Optional<Decision> taken = PlatformServices.current().get(CommitteeService.class).flatMap(s -> s.decision(actor, number));
        if (taken.isPresent()) {
            Decision d = taken.get();
            Paragraph outcome = new Paragraph(getTranslation("decision.outcome." + d.outcome().name()) + " · " + d.reason());
            outcome.setId("decision-taken");
            outcome.getElement().setAttribute("data-outcome", d.outcome().name());
            section.add(outcome);
            UnorderedList reservations = new UnorderedList();
            for (Reservation r : d.reservations()) {
                reservations.add(new ListItem(getTranslation("decision.reservation.line", r.text(), r.owner(),
                        Display.date(getLocale(), r.due().atStartOfDay(Display.PARIS).toInstant()))));
            }
            section.add(reservations);
            content.add(section);
            return;
        }
        if (!actor.has(PlatformRole.COMMITTEE) || c.state(Step.HABILITATION) != StepState.IN_PROGRESS) {
            section.add(new Paragraph(getTranslation("instruction.decision.waiting")));
            content.add(section);
            return;
        }
        Errors decisionErrors = new Errors();
        RadioButtonGroup<DecisionOutcome> outcome = new RadioButtonGroup<>(getTranslation("decision.outcome"));
        outcome.setId("decision-outcome");
        outcome.setItems(DecisionOutcome.values());
        outcome.setItemLabelGenerator(o -> getTranslation("decision.outcome." + o.name()));
        TextArea reason = new TextArea(getTranslation("decision.reason"));
        reason.setId("decision-reason");
        reason.setWidthFull();
        reason.setMaxLength(10_000);
        decisionErrors.field("outcome", outcome).field("reason", reason);
        Div reservations = new Div();
        reservations.setId("reservations");
        List<ReservationRow> rows = new ArrayList<>();
        Button addReservation = new Button(getTranslation("decision.reservation.add"), e -> {
            ReservationRow row = new ReservationRow(rows.size() + 1);
            rows.add(row);
            reservations.add(row.layout);
        });
        addReservation.setId("reservation-add");
        addReservation.setVisible(false);
        outcome.addValueChangeListener(e -> {
            boolean with = e.getValue() == DecisionOutcome.FAVOURABLE_WITH_RESERVATIONS;
            addReservation.setVisible(with);
            reservations.setVisible(with);
            if (with && rows.isEmpty()) {
                addReservation.click();
            }
        });
        Button decide = new Button(getTranslation("decision.submit"), e -> {
            List<Reservation> given = outcome.getValue() == DecisionOutcome.FAVOURABLE_WITH_RESERVATIONS
                    ? rows.stream().map(ReservationRow::value).toList() : List.of();
            try {
                service(CommitteeService.class).decide(actor, number, outcome.getValue(), reason.getValue(), given);
                render();
            } catch (GuichetsException ex) {
                decisionErrors.show(ex, getLocale());
            }
        });
        decide.setId("decision-submit");
        decide.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        section.add(outcome, reason, reservations, addReservation, decisionErrors.area(), decide);
        content.add(section);
    }

    /** One reservation being typed: what, who answers for it, by when. */
    private final class ReservationRow {
        final FlexLayout layout = new FlexLayout();
        final TextField text = new TextField(getTranslation("decision.reservation.text"));
        final TextField owner = new TextField(getTranslation("decision.reservation.owner"));
        final DatePicker due = new DatePicker(getTranslation("decision.reservation.due"));

        ReservationRow(int index) {
            text.setId("reservation-text-" + index);
            owner.setId("reservation-owner-" + index);
            due.setId("reservation-due-" + index);
            due.setMin(LocalDate.now(Display.PARIS));
            due.setLocale(getLocale());
            text.setMaxLength(2000);
            text.setWidth("28rem");
            owner.setMaxLength(200);
            layout.add(text, owner, due);
            layout.setFlexWrap(FlexLayout.FlexWrap.WRAP);
            layout.getStyle().set("gap", "var(--lumo-space-m)");
        }

        Reservation value() {
            return new Reservation(text.getValue(), owner.getValue(), due.getValue());
        }
    }

    private void history(Actor actor, Locale locale) {
        List<AuditEntry> entries;
        try {
            entries = PlatformServices.current().get(AuditTrail.class).map(a -> a.history(actor, "candidature", number))
                    .orElse(List.of());
        } catch (GuichetsException e) {
            return;
        }
        OrderedList list = new OrderedList();
        list.setId("history");
        for (AuditEntry e : entries) {
            ListItem item = new ListItem();
            item.addClassName("history-entry");
            item.getElement().setAttribute("data-action", e.action());
            item.add(new Span(Display.dateTime(locale, e.at()) + " · " + e.actorName() + " · "
                    + Display.labelOr(this, "audit.action." + e.action(), e.action())));
            if (e.details() != null && !e.details().isBlank() && !e.details().equals("{}")) {
                Span details = new Span(" · " + e.details());
                details.getStyle().set("color", "var(--lumo-secondary-text-color)").set("font-size", "var(--lumo-font-size-s)");
                item.add(details);
            }
            list.add(item);
        }
        content.add(new H2(getTranslation("instruction.history")), list);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("instruction.pageTitle", number);
    }
}
