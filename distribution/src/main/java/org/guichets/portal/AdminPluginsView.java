package org.guichets.portal;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.UIDetachedException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.VaadinServlet;
import com.vaadin.flow.server.streams.UploadHandler;
import com.vaadin.flow.shared.Registration;
import java.util.List;
import org.guichets.api.error.GuichetsException;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.PlatformRole;

/**
 * The scheme plugins: each jar or bundle with its state (active, stopped, failed with the reason)
 * and the schemes it declares; a jar uploaded here goes into the deploy folder; stop, start and
 * uninstall (confirmed). What changes, from here or elsewhere, is pushed to every open page.
 */
@Route(value = "agence/administration", layout = PortalLayout.class)
@StaffOnly(PlatformRole.ADMIN)
public final class AdminPluginsView extends VerticalLayout implements HasDynamicTitle, LocaleChangeObserver {

    private final Div list = new Div();
    private final Div status = new Div();
    private Registration subscription;

    public AdminPluginsView() {
        setId("admin-plugins-page");
        setPadding(false);
        list.setId("plugins");
        status.setId("plugin-status");
        status.getElement().setAttribute("role", "status");
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        PluginManager manager = manager();
        if (manager != null) {
            subscription = manager.onChange(() -> {
                try {
                    ui.access(this::drawList);
                } catch (UIDetachedException closing) {
                    // onDetach removes the subscription
                }
            });
        }
        draw();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (subscription != null) {
            subscription.remove();
            subscription = null;
        }
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        draw();
    }

    private void draw() {
        removeAll();
        add(new H1(getTranslation("admin.title")), new AdminNav(this, AdminPluginsView.class), new H2(getTranslation("admin.plugins.title")));
        PluginManager manager = manager();
        if (manager == null) {
            add(new Paragraph(getTranslation("portal.unavailable")));
            return;
        }
        Actor actor = PortalSession.require();
        Upload upload = new Upload();
        upload.setUploadHandler(uploadHandler(manager, actor, upload));
        upload.setId("plugin-upload");
        upload.setAcceptedFileTypes(".jar", "application/java-archive");
        upload.setMaxFileSize((int) Math.min(Integer.MAX_VALUE, 50L * 1024 * 1024));
        upload.setMaxFiles(1);
        upload.setI18n(UploadTexts.of(this));
        upload.getElement().setAttribute("aria-label", getTranslation("admin.plugins.uploadLabel"));
        // the component's own file input sits in its shadow root: it is named there for screen readers
        upload.getElement().executeJs("const host = this; customElements.whenDefined('vaadin-upload').then(() => {"
                + " const input = host.shadowRoot && host.shadowRoot.querySelector('#fileInput');"
                + " if (input) { input.setAttribute('aria-label', $0); } });", getTranslation("admin.plugins.uploadLabel"));
        upload.addFileRejectedListener(e -> status.setText(e.getErrorMessage()));
        Span help = new Span(getTranslation("admin.plugins.uploadHelp"));
        add(help, upload, status, list);
        drawList();
    }

    private UploadHandler uploadHandler(PluginManager manager, Actor actor, Upload upload) {
        return event -> {
            UI ui = event.getUI();
            String name = event.getFileName();
            try {
                manager.upload(actor, name, event.getInputStream());
                ui.access(() -> {
                    status.setText(ui.getTranslation("admin.plugins.uploaded", name));
                    upload.clearFileList();
                });
            } catch (GuichetsException e) {
                ui.access(() -> {
                    status.setText(Errors.text(e, ui.getLocale()));
                    upload.clearFileList();
                });
            } catch (java.io.IOException e) {
                ui.access(() -> {
                    status.setText(ui.getTranslation("admin.plugins.uploadFailed"));
                    upload.clearFileList();
                });
            }
        };
    }

    private void drawList() {
        list.removeAll();
        PluginManager manager = manager();
        if (manager == null) {
            return;
        }
        Actor actor = PortalSession.require();
        List<PluginManager.Plugin> plugins;
        try {
            plugins = manager.plugins(actor);
        } catch (GuichetsException e) {
            list.add(new Paragraph(e.getMessage(getLocale())));
            return;
        }
        if (plugins.isEmpty()) {
            list.add(new Paragraph(getTranslation("admin.plugins.none")));
        }
        UnorderedList ul = new UnorderedList();
        for (PluginManager.Plugin p : plugins) {
            ListItem item = new ListItem();
            item.addClassName("plugin");
            String key = p.symbolicName() != null ? p.symbolicName() : p.file();
            item.getElement().setAttribute("data-plugin", key);
            item.getElement().setAttribute("data-state", p.failed() ? "FAILED" : String.valueOf(p.state()));
            Span title = new Span(key + (p.version() == null ? "" : " " + p.version()));
            title.getStyle().set("font-weight", "600");
            item.add(title);
            item.add(new Span(" · " + (p.failed() ? getTranslation("admin.plugins.failed")
                    : getTranslation("admin.plugins.state", Display.labelOr(this, "bundleState." + p.state(), String.valueOf(p.state()))))));
            if (p.file() != null) {
                item.add(new Span(" · " + getTranslation("admin.plugins.file", p.file())));
            }
            if (!p.schemes().isEmpty()) {
                item.add(new Span(" · " + getTranslation("admin.plugins.schemes", String.join(", ", p.schemes().stream()
                        .map(this::schemeState).toList()))));
            }
            if (p.reason() != null) {
                Paragraph reason = new Paragraph(p.reason());
                reason.addClassName("plugin-reason");
                reason.getStyle().set("color", p.failed() ? "var(--lumo-error-text-color)" : "var(--lumo-secondary-text-color)");
                item.add(reason);
            }
            if (p.bundleId() > 0) {
                String id = safe(key);
                if ("ACTIVE".equals(p.state())) {
                    item.add(action("admin.plugins.stop", "plugin-stop-" + id, key, () -> manager.stop(actor, p.bundleId())));
                } else {
                    item.add(action("admin.plugins.start", "plugin-start-" + id, key, () -> manager.start(actor, p.bundleId())));
                }
                if (p.file() != null) {
                    Button uninstall = new Button(getTranslation("admin.plugins.uninstall"), e -> confirmUninstall(key,
                            () -> manager.uninstall(actor, p.bundleId())));
                    uninstall.setId("plugin-uninstall-" + id);
                    uninstall.addThemeVariants(ButtonVariant.LUMO_ERROR, ButtonVariant.LUMO_SMALL);
                    uninstall.getElement().setAttribute("aria-label", getTranslation("admin.plugins.uninstall.label", key));
                    item.add(uninstall);
                }
            }
            ul.add(item);
        }
        list.add(ul);
    }

    private Button action(String label, String id, String plugin, Runnable run) {
        Button b = new Button(getTranslation(label), e -> perform(run));
        b.setId(id);
        b.addThemeVariants(ButtonVariant.LUMO_SMALL);
        b.getElement().setAttribute("aria-label", getTranslation(label + ".label", plugin));
        b.getStyle().set("margin-left", "var(--lumo-space-s)");
        return b;
    }

    private void confirmUninstall(String plugin, Runnable run) {
        ConfirmDialog dialog = new ConfirmDialog();
        dialog.setId("confirm-uninstall");
        dialog.setHeader(getTranslation("admin.plugins.uninstall.title", plugin));
        dialog.setText(getTranslation("admin.plugins.uninstall.text"));
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("queue.cancel"));
        dialog.setConfirmText(getTranslation("admin.plugins.uninstall"));
        dialog.setConfirmButtonTheme("error primary");
        dialog.addConfirmListener(e -> perform(run));
        dialog.open();
    }

    private void perform(Runnable run) {
        try {
            run.run();
            status.setText("");
        } catch (GuichetsException e) {
            status.setText(Errors.text(e, getLocale()));
        }
        drawList();
    }

    /** "edc-psc: ACTIVE" in the user's words. */
    private String schemeState(String scheme) {
        int colon = scheme.lastIndexOf(": ");
        return colon < 0 ? scheme : scheme.substring(0, colon) + " ("
                + Display.labelOr(this, "schemeState." + scheme.substring(colon + 2), scheme.substring(colon + 2)) + ")";
    }

    static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9_-]", "-");
    }

    private static PluginManager manager() {
        return (PluginManager) VaadinServlet.getCurrent().getServletContext().getAttribute(PluginManager.ATTRIBUTE);
    }

    @Override
    public String getPageTitle() {
        return getTranslation("admin.plugins.pageTitle");
    }
}
