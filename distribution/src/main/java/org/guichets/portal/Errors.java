package org.guichets.portal;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.guichets.api.error.FieldError;
import org.guichets.api.error.GuichetsException;
import org.guichets.api.error.ValidationException;

/**
 * Shows a service's refusal in the user's language next to what caused it: each field error on its
 * field (invalid, with the message read by screen readers), the rest in an alert area; the values
 * typed stay where they are.
 */
final class Errors {

    private final Div alert = new Div();
    private final Map<String, HasValidation> fields = new LinkedHashMap<>();

    Errors() {
        alert.addClassName("errors");
        alert.getElement().setAttribute("role", "alert");
        alert.getStyle().set("color", "var(--lumo-error-text-color)");
    }

    /** The area where errors no field owns are shown. */
    Div area() {
        return alert;
    }

    /** Errors about {@code field} (a service's field name) go to {@code component}. */
    Errors field(String field, HasValidation component) {
        fields.put(field, component);
        return this;
    }

    void clear() {
        alert.removeAll();
        fields.values().forEach(f -> {
            f.setInvalid(false);
            f.setErrorMessage(null);
        });
    }

    /** Shows {@code e}; answers whether it was a refusal the user can act on. */
    void show(GuichetsException e, Locale locale) {
        clear();
        if (e instanceof ValidationException v) {
            for (FieldError error : v.errors()) {
                HasValidation target = target(error.field());
                if (target != null) {
                    target.setErrorMessage(error.message(locale));
                    target.setInvalid(true);
                } else {
                    alert.add(new Paragraph(error.message(locale)));
                }
            }
            return;
        }
        alert.add(new Paragraph(e.getMessage(locale)));
    }

    /** A refusal as one sentence: a validation's field messages, or the exception's message. */
    static String text(GuichetsException e, Locale locale) {
        if (e instanceof ValidationException v && !v.errors().isEmpty()) {
            return v.messages(locale);
        }
        return e.getMessage(locale);
    }

    /** Shows a message of its own. */
    void show(String message) {
        clear();
        alert.add(new Paragraph(message));
    }

    private HasValidation target(String field) {
        HasValidation exact = fields.get(field);
        if (exact != null) {
            return exact;
        }
        // "headOffice.city" → the component registered for "headOffice.city" or "headOffice"
        int dot = field.lastIndexOf('.');
        return dot > 0 ? fields.get(field.substring(0, dot)) : null;
    }

    static void focusFirstInvalid(List<? extends Component> components) {
        for (Component c : components) {
            if (c instanceof HasValidation v && v.isInvalid() && c instanceof com.vaadin.flow.component.Focusable<?> f) {
                f.focus();
                return;
            }
        }
    }
}
