package org.guichets.portal;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.guichets.api.Chapter;
import org.guichets.api.Dispositif;
import org.guichets.api.DispositifRegistry;
import org.guichets.api.EvidenceSpec;
import org.guichets.api.FormField;
import org.guichets.api.FormSection;
import org.guichets.api.Guichet;
import org.guichets.api.ReferentialArchive;
import org.guichets.api.Requirement;
import org.guichets.api.error.GuichetsException;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.PlatformRole;

/**
 * The referential of each guichet and version, read-only: the deployed one and every version
 * candidatures were pinned on, with the form's fields, the chapters and their requirements.
 */
@Route(value = "agence/administration/referentiels", layout = PortalLayout.class)
@StaffOnly(PlatformRole.ADMIN)
public final class AdminReferentialView extends VerticalLayout implements HasDynamicTitle, LocaleChangeObserver {

    /** The deployed version in the version list. */
    static final String DEPLOYED = "";

    private final Select<String> scheme = new Select<>();
    private final Select<String> version = new Select<>();
    private final Select<String> guichet = new Select<>();
    private final Div shown = new Div();

    public AdminReferentialView() {
        setId("admin-referentials-page");
        setPadding(false);
        scheme.setId("referential-scheme");
        version.setId("referential-version");
        guichet.setId("referential-guichet");
        shown.setId("referential");
        scheme.addValueChangeListener(e -> versions());
        version.addValueChangeListener(e -> guichets());
        guichet.addValueChangeListener(e -> show());
        draw();
    }

    private void draw() {
        removeAll();
        scheme.setLabel(getTranslation("admin.referentials.scheme"));
        version.setLabel(getTranslation("admin.referentials.version"));
        guichet.setLabel(getTranslation("admin.referentials.guichet"));
        scheme.setItemLabelGenerator(id -> Display.scheme(id, getLocale()));
        FlexLayout pickers = new FlexLayout(scheme, version, guichet);
        pickers.getStyle().set("gap", "var(--lumo-space-m)");
        pickers.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        add(new H1(getTranslation("admin.title")), new AdminNav(this, AdminReferentialView.class),
                new H2(getTranslation("admin.referentials.title")), pickers, shown);
        String before = scheme.getValue();
        List<String> ids = PlatformServices.current().get(DispositifRegistry.class)
                .map(r -> r.dispositifs().stream().map(Dispositif::id).sorted().toList()).orElse(List.of());
        scheme.setItems(ids);
        if (before != null && ids.contains(before)) {
            scheme.setValue(before);
        } else if (!ids.isEmpty()) {
            scheme.setValue(ids.get(0));
        }
    }

    private void versions() {
        Actor actor = PortalSession.require();
        Map<String, String> labels = new LinkedHashMap<>();
        Optional<Dispositif> deployed = deployed();
        deployed.ifPresent(d -> labels.put(DEPLOYED, getTranslation("admin.referentials.deployed", d.referentialVersion())));
        PlatformServices.current().get(ReferentialArchive.class).ifPresent(archive -> {
            try {
                for (ReferentialArchive.PinnedReferential p : archive.versions(actor, scheme.getValue())) {
                    labels.put(p.key(), getTranslation("admin.referentials.pinned", p.key(), p.candidatures()));
                }
            } catch (GuichetsException e) {
                // no pinned version to show
            }
        });
        version.setItemLabelGenerator(k -> labels.getOrDefault(k, k));
        version.setItems(new ArrayList<>(labels.keySet()));
        if (!labels.isEmpty()) {
            version.setValue(labels.keySet().iterator().next());
        }
    }

    private Optional<Dispositif> deployed() {
        return PlatformServices.current().get(DispositifRegistry.class).flatMap(r -> r.find(scheme.getValue()))
                .filter(Dispositif::isActive);
    }

    private Optional<Dispositif> selected() {
        if (version.getValue() == null) {
            return Optional.empty();
        }
        if (DEPLOYED.equals(version.getValue())) {
            return deployed();
        }
        try {
            return PlatformServices.current().get(ReferentialArchive.class)
                    .map(a -> a.referential(PortalSession.require(), scheme.getValue(), version.getValue()));
        } catch (GuichetsException e) {
            return Optional.empty();
        }
    }

    private void guichets() {
        Optional<Dispositif> d = selected();
        List<String> ids = d.map(x -> x.guichets().stream().map(Guichet::id).toList()).orElse(List.of());
        guichet.setItemLabelGenerator(id -> d.flatMap(x -> x.guichet(id)).map(g -> g.name().get(getLocale())).orElse(id));
        guichet.setItems(ids);
        if (!ids.isEmpty()) {
            guichet.setValue(ids.get(0));
        } else {
            shown.removeAll();
        }
    }

    private void show() {
        shown.removeAll();
        Locale locale = getLocale();
        Optional<Guichet> g = selected().flatMap(d -> d.guichet(guichet.getValue() == null ? "" : guichet.getValue()));
        if (g.isEmpty()) {
            return;
        }
        Guichet desk = g.get();
        shown.add(new H3(desk.name().get(locale) + " · " + getTranslation("guichet.status." + desk.status().name())));
        shown.add(new Paragraph(getTranslation("admin.referentials.profiles", desk.profiles().stream()
                .map(p -> p.code() + " (" + p.name().get(locale) + ")").collect(Collectors.joining(", ")))));
        shown.add(new H3(getTranslation("step.FORM")));
        UnorderedList fields = new UnorderedList();
        for (FormSection s : desk.form()) {
            for (FormField f : s.fields()) {
                ListItem li = new ListItem(s.title().get(locale) + " › " + f.label().get(locale) + " (" + f.id() + ", "
                        + f.type().name().toLowerCase(Locale.ROOT) + (f.required() ? ", " + getTranslation("admin.referentials.required") : "")
                        + ")");
                li.addClassName("referential-field");
                fields.add(li);
            }
        }
        shown.add(fields);
        shown.add(new H3(getTranslation("admin.referentials.chapters", desk.chapters().size())));
        for (Chapter c : desk.chapters()) {
            Div chapter = new Div();
            chapter.addClassName("referential-chapter");
            chapter.getElement().setAttribute("data-chapter", c.id());
            Paragraph title = new Paragraph(c.order() + ". " + c.title().get(locale) + " · "
                    + getTranslation("admin.referentials.chapterProfiles", String.join(", ", c.profiles()))
                    + (c.withForm() ? " · " + getTranslation("instruction.withForm") : ""));
            title.getStyle().set("font-weight", "600");
            chapter.add(title);
            UnorderedList requirements = new UnorderedList();
            for (Requirement r : c.requirements()) {
                ListItem li = new ListItem();
                li.addClassName("referential-requirement");
                li.getElement().setAttribute("data-ref", r.ref());
                li.add(new Paragraph(r.ref() + " · " + getTranslation(r.mandatory() ? "evidence.must" : "evidence.should") + " · "
                        + String.join(", ", r.profiles()) + " — " + r.statement().get(locale)));
                UnorderedList pieces = new UnorderedList();
                for (EvidenceSpec e : r.evidence()) {
                    pieces.add(new ListItem(e.label().get(locale) + " · " + getTranslation("evidence.kind." + e.kind().name())
                            + (e.optional() ? " " + getTranslation("evidence.optional") : "")));
                }
                li.add(pieces);
                requirements.add(li);
            }
            chapter.add(requirements);
            shown.add(chapter);
        }
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        draw();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("admin.referentials.pageTitle");
    }
}
