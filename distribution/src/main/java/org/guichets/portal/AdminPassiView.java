package org.guichets.portal;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.guichets.api.error.GuichetsException;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.PlatformRole;
import org.guichets.api.reference.ReferenceEntry;
import org.guichets.api.reference.ReferenceList;

/**
 * The reference lists plugins publish (the PASSI providers of EDC PSC first): one entry per line,
 * {@code name ; identifier ; last valid day}, replaced as a whole by an administrator (the service
 * checks and audits it); a line that does not read is named and nothing is replaced.
 */
@Route(value = "agence/administration/listes", layout = PortalLayout.class)
@StaffOnly(PlatformRole.ADMIN)
public final class AdminPassiView extends VerticalLayout implements HasDynamicTitle, LocaleChangeObserver {

    private final Select<String> list = new Select<>();
    private final TextArea entries = new TextArea();
    private final Div status = new Div();
    private final Errors errors = new Errors();

    public AdminPassiView() {
        setId("admin-passi-page");
        setPadding(false);
        list.setId("reference-list");
        entries.setId("reference-entries");
        entries.setWidthFull();
        entries.setMinHeight("16rem");
        status.setId("reference-status");
        status.getElement().setAttribute("role", "status");
        errors.field("entries", entries);
        list.addValueChangeListener(e -> load());
        draw();
    }

    private void draw() {
        removeAll();
        list.setLabel(getTranslation("admin.passi.list"));
        entries.setLabel(getTranslation("admin.passi.entries"));
        entries.setHelperText(getTranslation("admin.passi.format"));
        Button save = new Button(getTranslation("admin.passi.save"), e -> save());
        save.setId("reference-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        add(new H1(getTranslation("admin.title")), new AdminNav(this, AdminPassiView.class), new H2(getTranslation("admin.passi.title")));
        List<ReferenceList> lists = PlatformServices.current().all(ReferenceList.class);
        if (lists.isEmpty()) {
            add(new Paragraph(getTranslation("admin.passi.none")));
            return;
        }
        String before = list.getValue();
        list.setItemLabelGenerator(id -> find(id).map(l -> l.title().get(getLocale())).orElse(id));
        List<String> ids = lists.stream().map(ReferenceList::id).sorted().toList();
        list.setItems(ids);
        list.setValue(before != null && ids.contains(before) ? before
                : ids.stream().filter(i -> i.endsWith("passi-providers")).findFirst().orElse(ids.get(0)));
        add(list, entries, errors.area(), status, save);
    }

    private Optional<ReferenceList> find(String id) {
        return PlatformServices.current().all(ReferenceList.class).stream().filter(l -> l.id().equals(id)).findFirst();
    }

    private void load() {
        errors.clear();
        find(list.getValue()).ifPresent(l -> entries.setValue(format(l.entries())));
    }

    static String format(List<ReferenceEntry> list) {
        StringBuilder sb = new StringBuilder();
        for (ReferenceEntry e : list) {
            sb.append(e.name()).append(" ; ").append(e.identifier() == null ? "" : e.identifier()).append(" ; ")
                    .append(e.validUntil() == null ? "" : e.validUntil().toString()).append('\n');
        }
        return sb.toString();
    }

    private void save() {
        Actor actor = PortalSession.require();
        Optional<ReferenceList> target = find(list.getValue());
        if (target.isEmpty()) {
            errors.show(getTranslation("portal.unavailable"));
            return;
        }
        List<ReferenceEntry> parsed = new ArrayList<>();
        String[] lines = entries.getValue().split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] cells = line.split(";", -1);
            String name = cells[0].strip();
            String identifier = cells.length > 1 && !cells[1].isBlank() ? cells[1].strip() : null;
            LocalDate until = null;
            if (cells.length > 2 && !cells[2].isBlank()) {
                try {
                    until = LocalDate.parse(cells[2].strip());
                } catch (DateTimeParseException e) {
                    errors.show(getTranslation("admin.passi.badDate", i + 1, cells[2].strip()));
                    return;
                }
            }
            if (cells.length > 3 || name.isEmpty()) {
                errors.show(getTranslation("admin.passi.badLine", i + 1));
                return;
            }
            parsed.add(new ReferenceEntry(name, identifier, until));
        }
        try {
            List<ReferenceEntry> kept = target.get().replace(actor, parsed);
            errors.clear();
            entries.setValue(format(kept));
            status.setText(getTranslation("admin.passi.saved", kept.size()));
        } catch (GuichetsException e) {
            errors.show(e, getLocale());
        }
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        draw();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("admin.passi.pageTitle");
    }
}
