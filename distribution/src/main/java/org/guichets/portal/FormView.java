package org.guichets.portal;

import com.vaadin.flow.component.AbstractField;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.HasValue;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.component.textfield.EmailField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.guichets.api.FormField;
import org.guichets.api.FormSection;
import org.guichets.api.Guichet;
import org.guichets.api.Profile;
import org.guichets.api.candidature.AdministrativeForm;
import org.guichets.api.candidature.CandidatureService;
import org.guichets.api.candidature.FormService;
import org.guichets.api.error.ConflictException;
import org.guichets.api.error.FieldError;
import org.guichets.api.error.GuichetsException;
import org.guichets.api.error.ValidationException;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.LegalForm;

/**
 * The administrative form: the scheme's sections and fields, pre-filled; each value
 * is saved when the field is left, the service checks it and its error shows on the field in words
 * (the value typed stays); the completion percentage; the profile choice with the warning that it
 * is final once validated; then "Soumettre".
 */
@Route(value = "candidature/:number/formulaire", layout = PortalLayout.class)
@SignInRequired
public final class FormView extends CandidaturePage {

    private final Map<String, HasValue<?, ?>> inputs = new LinkedHashMap<>();
    private final ProgressBar progress = new ProgressBar(0, 100);
    private final Paragraph completion = new Paragraph();
    private final Paragraph state = new Paragraph();
    private final Errors errors = new Errors();
    private final Div attachments = new Div();
    private Guichet guichet;
    private AdministrativeForm form;
    private boolean loading;

    public FormView() {
        super("form");
    }

    private FormService forms() {
        return service(FormService.class);
    }

    @Override
    protected void render() {
        content.removeAll();
        inputs.clear();
        Actor actor = PortalSession.require();
        try {
            guichet = service(CandidatureService.class).guichet(actor, number);
            form = forms().get(actor, number);
        } catch (GuichetsException e) {
            denied();
            return;
        } catch (IllegalStateException e) {
            unavailable();
            return;
        }
        Locale locale = getLocale();
        RouterLink back = backToCandidature();
        back.setId("back-to-candidature");
        back.getStyle().set("text-decoration", "underline");
        progress.setId("completion-bar");
        progress.getElement().setAttribute("aria-labelledby", "completion");
        completion.setId("completion");
        state.setId("form-state");
        state.getElement().setAttribute("role", "status");
        content.add(back, new H1(getTranslation("form.title", guichet.name().get(locale))), state, completion, progress, errors.area());
        if (form.reviewerMessage() != null) {
            Paragraph m = new Paragraph(getTranslation("form.reviewerMessage", form.reviewerMessage()));
            m.setId("reviewer-message");
            content.add(m);
        }
        loading = true;
        for (FormSection section : guichet.form()) {
            Section s = new Section();
            s.addClassName("form-section");
            s.getElement().setAttribute("data-section", section.id());
            s.add(new H2(section.title().get(locale)));
            FormLayout layout = new FormLayout();
            layout.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("40rem", 2));
            for (FormField field : section.fields()) {
                Component input = input(field, guichet, locale);
                layout.add(input);
                if (input instanceof TextArea || field.type() == org.guichets.api.FieldType.PROFILES) {
                    layout.setColspan(input, 2);
                }
            }
            s.add(layout);
            content.add(s);
        }
        loading = false;
        attachments.setId("form-attachments");
        content.add(attachments);
        renderAttachments();
        Button submit = new Button(getTranslation("form.submit"), e -> submit());
        submit.setId("form-submit");
        submit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        submit.setEnabled(form.editable());
        content.add(submit);
        RouterLink messages = new RouterLink(getTranslation("candidature.messages"), ConversationView.class,
                new RouteParameters("number", number));
        messages.setId("form-conversation");
        messages.getStyle().set("text-decoration", "underline");
        content.add(new Paragraph(messages));
        PlatformServices.current().get(CandidatureService.class).map(s -> s.get(actor, number))
                .ifPresent(c -> content.add(new CollaboratorsPanel(actor, c.productId())));
        showState();
    }

    private Component input(FormField field, Guichet guichet, Locale locale) {
        String label = field.label().get(locale);
        String value = form.values().get(field.id());
        Component c;
        switch (field.type()) {
            case TEXTAREA, ADDRESS -> {
                TextArea t = new TextArea(label);
                t.setValue(value == null ? "" : value);
                t.setValueChangeMode(ValueChangeMode.ON_BLUR);
                if (field.maxLength() != null) {
                    t.setMaxLength(field.maxLength());
                }
                c = t;
            }
            case EMAIL -> {
                EmailField t = new EmailField(label);
                t.setValue(value == null ? "" : value);
                t.setValueChangeMode(ValueChangeMode.ON_BLUR);
                c = t;
            }
            case DATE -> {
                DatePicker d = new DatePicker(label);
                d.setLocale(locale);
                d.setValue(parseDate(value));
                c = d;
            }
            case BOOLEAN -> {
                Checkbox b = new Checkbox(label);
                b.setValue("true".equals(value));
                c = b;
            }
            case SELECT -> {
                ComboBox<FormField.Option> s = new ComboBox<>(label);
                s.setItems(field.options());
                s.setItemLabelGenerator(o -> o.label().get(locale));
                field.options().stream().filter(o -> o.value().equals(value)).findFirst().ifPresent(s::setValue);
                c = s;
            }
            case LEGAL_FORM -> {
                ComboBox<LegalForm> s = new ComboBox<>(label);
                s.setItems(LegalForm.all());
                s.setItemLabelGenerator(f -> f.code() + " – " + f.label());
                LegalForm.find(value == null ? "" : value).ifPresent(s::setValue);
                c = s;
            }
            case PROFILES -> {
                CheckboxGroup<Profile> g = new CheckboxGroup<>(label);
                g.setItems(guichet.profiles());
                g.setItemLabelGenerator(p -> p.code() + " – " + p.name().get(locale));
                Set<String> chosen = form.profiles();
                g.setValue(guichet.profiles().stream().filter(p -> chosen.contains(p.code())).collect(Collectors.toSet()));
                g.setHelperText(getTranslation(form.profilesFrozen() ? "form.profiles.frozen" : "form.profiles.warning"));
                c = g;
            }
            default -> {
                TextField t = new TextField(label);
                t.setValue(value == null ? "" : value);
                t.setValueChangeMode(ValueChangeMode.ON_BLUR);
                if (field.maxLength() != null) {
                    t.setMaxLength(field.maxLength());
                }
                c = t;
            }
        }
        c.setId("field-" + field.id());
        HasValue<?, ?> hv = (HasValue<?, ?>) c;
        if (c instanceof CheckboxGroup<?> group) {
            // a group's role does not take aria-required: the label says it instead
            if (field.requiredFor(form.profiles())) {
                group.setLabel(label + " " + getTranslation("form.requiredMark"));
            }
        } else {
            hv.setRequiredIndicatorVisible(field.requiredFor(form.profiles()));
        }
        hv.setReadOnly(!form.editable());
        if (field.help() != null && c instanceof com.vaadin.flow.component.HasHelper h && h.getHelperText() == null) {
            h.setHelperText(field.help().get(locale));
        }
        String comment = form.fieldComments().get(field.id());
        if (comment != null && c instanceof HasValidation v) {
            v.setErrorMessage(getTranslation("form.reviewerComment", comment));
            v.setInvalid(true);
        }
        errors.field(field.id(), (HasValidation) c);
        inputs.put(field.id(), hv);
        hv.addValueChangeListener(e -> {
            if (!loading && e.isFromClient()) {
                save(field.id(), text(field, e.getValue()));
            }
        });
        return c;
    }

    private static LocalDate parseDate(String v) {
        try {
            return v == null ? null : LocalDate.parse(v);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** The value a field sends to the service. */
    private static String text(FormField field, Object value) {
        if (value == null) {
            return "";
        }
        return switch (field.type()) {
            case BOOLEAN -> Boolean.TRUE.equals(value) ? "true" : "false";
            case SELECT -> ((FormField.Option) value).value();
            case LEGAL_FORM -> ((LegalForm) value).code();
            case PROFILES -> ((Set<?>) value).stream().map(p -> ((Profile) p).code()).collect(Collectors.toCollection(TreeSet::new))
                    .stream().collect(Collectors.joining(","));
            default -> value.toString();
        };
    }

    /** Saves one field; on a conflict (another tab saved meanwhile) it reads the form again and saves the field once more. */
    private void save(String fieldId, String value) {
        Actor actor = PortalSession.require();
        Map<String, String> change = new LinkedHashMap<>();
        change.put(fieldId, value);
        HasValidation field = (HasValidation) inputs.get(fieldId);
        try {
            try {
                form = forms().save(actor, number, form.version(), change);
            } catch (ConflictException stale) {
                form = forms().save(actor, number, forms().get(actor, number).version(), change);
            }
            field.setInvalid(false);
            field.setErrorMessage(null);
            errors.area().removeAll();
            if (fieldId.equals(profilesField())) {
                updateRequired();
            }
            if (fieldId.equals(profilesField()) || guichet.chapters().stream().filter(org.guichets.api.Chapter::withForm)
                    .flatMap(c -> c.requirements().stream()).anyMatch(r -> r.when() != null && fieldId.equals(r.when().field()))) {
                // what the form asks to deposit follows the profiles and the answers
                renderAttachments();
            }
            showState();
        } catch (ValidationException e) {
            for (FieldError error : e.errors()) {
                HasValidation target = (HasValidation) inputs.get(error.field());
                if (target != null) {
                    target.setErrorMessage(error.message(getLocale()));
                    target.setInvalid(true);
                }
            }
        } catch (GuichetsException e) {
            errors.show(e, getLocale());
        } catch (IllegalStateException e) {
            errors.area().removeAll();
            errors.area().add(new Paragraph(getTranslation("portal.unavailable")));
        }
    }

    /**
     * The chapters deposited with the form for the profiles chosen (R-13: the editor habilitations
     * on the Opérateur desk), each piece with its files and their verification.
     */
    private void renderAttachments() {
        attachments.removeAll();
        Actor actor = PortalSession.require();
        for (org.guichets.api.Chapter chapter : guichet.formChaptersFor(form.profiles())) {
            try {
                org.guichets.api.candidature.ChapterView view = PlatformServices.current()
                        .get(org.guichets.api.candidature.EvidenceService.class).orElseThrow().chapter(actor, number, chapter.id());
                Section s = new Section();
                s.addClassName("form-chapter");
                s.getElement().setAttribute("data-chapter", chapter.id());
                s.add(new H2(chapter.title().get(getLocale())));
                if (chapter.description() != null) {
                    s.add(new Paragraph(chapter.description().get(getLocale())));
                }
                String dispositifId = PlatformServices.current().get(CandidatureService.class)
                        .map(sv -> sv.get(actor, number).dispositifId()).orElse("");
                s.add(new ChapterPanel(actor, number, dispositifId, view, form.editable(), () -> {
                    form = forms().get(actor, number);
                    renderAttachments();
                    showState();
                }));
                attachments.add(s);
            } catch (GuichetsException e) {
                attachments.add(new Paragraph(e.getMessage(getLocale())));
            }
        }
    }

    private String profilesField() {
        return inputs.entrySet().stream().filter(e -> e.getValue() instanceof CheckboxGroup).map(Map.Entry::getKey).findFirst()
                .orElse("");
    }

    /** Required marks follow the profiles chosen (NIE and NIL with ELU, R-10). */
    private void updateRequired() {
        if (guichet != null) {
            guichet.fields().forEach(f -> {
                HasValue<?, ?> hv = inputs.get(f.id());
                if (hv != null && !(hv instanceof CheckboxGroup)) {
                    hv.setRequiredIndicatorVisible(f.requiredFor(form.profiles()));
                }
            });
        }
    }

    private void submit() {
        try {
            form = forms().submit(PortalSession.require(), number, form.version());
            inputs.values().forEach(v -> v.setReadOnly(true));
            content.getChildren().filter(c -> c instanceof Button b && "form-submit".equals(b.getId().orElse("")))
                    .forEach(b -> ((Button) b).setEnabled(false));
            errors.area().removeAll();
            renderAttachments();
            showState();
        } catch (ValidationException e) {
            // the fields keep the reviewer's remarks unless an error replaces them
            errors.area().removeAll();
            for (FieldError error : e.errors()) {
                HasValidation target = (HasValidation) inputs.get(error.field());
                if (target != null) {
                    target.setErrorMessage(error.message(getLocale()));
                    target.setInvalid(true);
                } else {
                    errors.area().add(new Paragraph(error.message(getLocale())));
                }
            }
            errors.area().addComponentAsFirst(new Paragraph(getTranslation("form.submit.incomplete", e.errors().size())));
            Errors.focusFirstInvalid(inputs.values().stream().map(v -> (Component) v).toList());
        } catch (GuichetsException e) {
            errors.show(e, getLocale());
        } catch (IllegalStateException e) {
            errors.area().removeAll();
            errors.area().add(new Paragraph(getTranslation("portal.unavailable")));
        }
    }

    private void showState() {
        completion.setText(getTranslation("form.completion", form.completionPercent()));
        progress.setValue(form.completionPercent());
        state.setText(getTranslation("form.state", getTranslation("stepState." + form.state().name())));
        state.getElement().setAttribute("data-state", form.state().name());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("form.pageTitle", number);
    }

}
