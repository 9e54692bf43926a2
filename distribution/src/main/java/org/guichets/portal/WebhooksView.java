package org.guichets.portal;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.checkbox.CheckboxGroupVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Section;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.guichets.api.error.GuichetsException;
import org.guichets.api.identity.Actor;
import org.guichets.api.notification.WebhookDelivery;
import org.guichets.api.notification.WebhookEndpoint;
import org.guichets.api.notification.WebhookEvent;
import org.guichets.api.notification.WebhookService;

/**
 * The company's webhook endpoints (its mandataire and responsables, R-01): registered with the
 * events they receive (the signing secret shown once, with how to check a signature), listed with
 * their state and failures in a row, enabled or disabled, tested (ping), deleted (confirmed); each
 * with its deliveries, newest first, paged lazily, replayable. The page asks the service again every
 * few seconds and redraws only what changed. Anyone else gets the service's refusal.
 */
@Route(value = "entreprise/webhooks", layout = PortalLayout.class)
@SignInRequired
public final class WebhooksView extends VerticalLayout implements HasDynamicTitle, LocaleChangeObserver {

    /** How often an open page asks for news of its deliveries. */
    static final int POLL_MILLIS = 5000;
    /** Deliveries per page of a grid, and how many the poll compares. */
    private static final int PAGE = 20;
    private static final int EXCERPT = 160;

    private final H1 title = new H1();
    private final Div refused = new Div();
    private final Div content = new Div();
    private final Paragraph intro = new Paragraph();
    private final H2 registerTitle = new H2();
    private final TextField url = new TextField();
    private final TextField description = new TextField();
    private final CheckboxGroup<WebhookEvent> events = new CheckboxGroup<>();
    private final Button register = new Button();
    private final Errors errors = new Errors();
    private final Div secretPanel = new Div();
    private final Span secretTitle = new Span();
    private final TextField secret = new TextField();
    private final Paragraph signatureText = new Paragraph();
    private final Pre signatureExample = new Pre();
    private final H2 listTitle = new H2();
    private final Span listStatus = new Span();
    private final Div list = new Div();
    private final Map<Long, EndpointPanel> panels = new LinkedHashMap<>();
    private Registration poll;
    private String secretUrl;

    public WebhooksView() {
        setId("webhooks-page");
        setPadding(false);
        refused.setId("webhooks-refused");
        refused.getElement().setAttribute("role", "alert");
        refused.getStyle().set("color", "var(--lumo-error-text-color)");
        content.setWidthFull();
        url.setId("webhook-url");
        url.setMaxLength(2000);
        url.setWidth("32rem");
        url.setPlaceholder("https://");
        description.setId("webhook-description");
        description.setMaxLength(200);
        description.setWidth("24rem");
        events.setId("webhook-events");
        events.setItems(subscribable());
        events.addThemeVariants(CheckboxGroupVariant.LUMO_VERTICAL);
        register.setId("webhook-register");
        register.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        register.addClickListener(e -> register());
        errors.field("url", url).field("description", description).field("events", events);
        FlexLayout fields = new FlexLayout(url, description);
        fields.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        fields.getStyle().set("gap", "var(--lumo-space-l)");

        secretPanel.setId("webhook-secret-panel");
        secretPanel.setVisible(false);
        secretPanel.getStyle().set("border", "2px solid var(--lumo-warning-color, #e8a200)").set("border-radius", "var(--lumo-border-radius-l)")
                .set("padding", "var(--lumo-space-m)").set("background", "var(--lumo-contrast-5pct)");
        secretPanel.getElement().setAttribute("role", "region");
        secretTitle.getStyle().set("font-weight", "600");
        secret.setId("webhook-secret");
        secret.setReadOnly(true);
        secret.setWidthFull();
        // the value alone in monospace, not its label and help
        secret.getElement().executeJs("this.inputElement.style.fontFamily = 'monospace'");
        secret.addFocusListener(e -> secret.getElement().executeJs("this.inputElement.select()"));
        signatureExample.setId("webhook-signature-example");
        signatureExample.getStyle().set("white-space", "pre-wrap").set("font-size", "var(--lumo-font-size-s)");
        secretPanel.add(secretTitle, secret, signatureText, signatureExample);

        listStatus.setId("webhooks-status");
        listStatus.getElement().setAttribute("role", "status");
        list.setId("webhooks-list");
        list.setWidthFull();
        content.add(intro, registerTitle, fields, events, register, errors.area(), secretPanel, listTitle, listStatus, list);
        add(title, refused, content);
        texts();
    }

    @Override
    protected void onAttach(AttachEvent event) {
        poll = event.getUI().addPollListener(e -> pollChanges());
        render();
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (poll != null) {
            poll.remove();
            poll = null;
        }
        event.getUI().setPollInterval(-1);
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        texts();
        if (isAttached()) {
            render();
        }
    }

    private void texts() {
        title.setText(getTranslation("webhooks.title"));
        intro.setText(getTranslation("webhooks.intro"));
        registerTitle.setText(getTranslation("webhooks.register.title"));
        url.setLabel(getTranslation("webhooks.url"));
        url.setHelperText(getTranslation("webhooks.url.help"));
        description.setLabel(getTranslation("webhooks.description"));
        events.setLabel(getTranslation("webhooks.events"));
        events.setItemLabelGenerator(this::eventLabel);
        register.setText(getTranslation("webhooks.register"));
        secretTitle.setText(secretUrl == null ? "" : getTranslation("webhooks.secret.title.for", secretUrl));
        secret.setLabel(getTranslation("webhooks.secret"));
        secret.setHelperText(getTranslation("webhooks.secret.help"));
        secretPanel.getElement().setAttribute("aria-label", getTranslation("webhooks.secret"));
        signatureText.setText(getTranslation("webhooks.signature.text"));
        signatureExample.setText(getTranslation("webhooks.signature.example"));
        listTitle.setText(getTranslation("webhooks.list.title"));
    }

    /** "Chapitre renvoyé (chapter.returned)". */
    private String eventLabel(WebhookEvent e) {
        return getTranslation("webhooks.event.label", getTranslation("webhooks.event." + e.name()), e.wireName());
    }

    /** Draws the page from the service's answer: the form and the endpoints, or the refusal. */
    private void render() {
        refused.removeAll();
        list.removeAll();
        panels.clear();
        Actor actor = PortalSession.require();
        Optional<WebhookService> service = webhooks();
        if (service.isEmpty()) {
            refuse(getTranslation("portal.unavailable"));
            return;
        }
        if (actor.organizationId() == null) {
            // agency staff: no company whose webhooks to manage
            refuse(GuichetsException.format("access.denied", getLocale()));
            return;
        }
        List<WebhookEndpoint> endpoints;
        try {
            endpoints = service.get().endpoints(actor, actor.organizationId());
        } catch (GuichetsException e) {
            refuse(e.getMessage(getLocale()));
            return;
        }
        refused.setVisible(false);
        content.setVisible(true);
        polling(true);
        if (endpoints.isEmpty()) {
            list.add(new Paragraph(getTranslation("webhooks.none")));
        }
        for (WebhookEndpoint endpoint : endpoints) {
            EndpointPanel panel = new EndpointPanel(endpoint);
            panels.put(endpoint.id(), panel);
            list.add(panel.section);
        }
    }

    private void refuse(String message) {
        refused.add(new Paragraph(message));
        refused.setVisible(true);
        content.setVisible(false);
        polling(false);
    }

    /** The browser asks for news every few seconds while a manager's page is open, not otherwise. */
    private void polling(boolean on) {
        getUI().ifPresent(ui -> ui.setPollInterval(on ? POLL_MILLIS : -1));
    }

    private void register() {
        errors.clear();
        Actor actor = PortalSession.require();
        Optional<WebhookService> service = webhooks();
        if (service.isEmpty() || actor.organizationId() == null) {
            errors.show(getTranslation("portal.unavailable"));
            return;
        }
        try {
            WebhookService.NewWebhook created = service.get().register(actor, actor.organizationId(), url.getValue(),
                    description.getValue(), events.getValue());
            secret.setValue(created.secret());
            secretUrl = created.endpoint().url();
            secretTitle.setText(getTranslation("webhooks.secret.title.for", secretUrl));
            secretPanel.setVisible(true);
            url.clear();
            description.clear();
            events.clear();
            render();
            secret.focus();
        } catch (GuichetsException e) {
            errors.show(e, getLocale());
        }
    }

    /** What the poll finds: endpoints added or removed elsewhere redraw the list; otherwise each panel updates itself. */
    private void pollChanges() {
        if (!content.isVisible()) {
            return;
        }
        Actor actor = PortalSession.actor().orElse(null);
        Optional<WebhookService> service = webhooks();
        if (actor == null || actor.organizationId() == null || service.isEmpty()) {
            return;
        }
        List<WebhookEndpoint> endpoints;
        try {
            endpoints = service.get().endpoints(actor, actor.organizationId());
        } catch (GuichetsException e) {
            render(); // refused now (a role taken away): say so
            return;
        }
        if (!endpoints.stream().map(WebhookEndpoint::id).collect(Collectors.toSet()).equals(panels.keySet())) {
            render();
            return;
        }
        for (WebhookEndpoint endpoint : endpoints) {
            panels.get(endpoint.id()).update(endpoint, false);
        }
    }

    private static Optional<WebhookService> webhooks() {
        return PlatformServices.current().get(WebhookService.class);
    }

    private static WebhookService service() {
        return webhooks().orElseThrow(() -> new IllegalStateException("WebhookService unavailable"));
    }

    /** One endpoint: its state and actions, and the grid of its deliveries. */
    private final class EndpointPanel {
        final long id;
        final Section section = new Section();
        final Span state = new Span();
        final Span failures = new Span();
        final Span subscribed = new Span();
        final Span status = new Span();
        final Button toggle = new Button();
        final Grid<WebhookDelivery> deliveries = new Grid<>();
        WebhookEndpoint endpoint;
        List<WebhookDelivery> seen = List.of();

        EndpointPanel(WebhookEndpoint endpoint) {
            this.id = endpoint.id();
            section.addClassName("webhook");
            section.setId("webhook-" + id);
            section.getElement().setAttribute("data-id", Long.toString(id));
            section.getStyle().set("border-top", "1px solid var(--lumo-contrast-20pct)").set("padding-top", "var(--lumo-space-s)")
                    .set("margin-top", "var(--lumo-space-m)");
            H3 heading = new H3(endpoint.url());
            heading.getStyle().set("word-break", "break-all").set("font-family", "monospace").set("font-size", "var(--lumo-font-size-l)");
            state.setId("webhook-state-" + id);
            failures.setId("webhook-failures-" + id);
            subscribed.setId("webhook-events-" + id);
            status.setId("webhook-status-" + id);
            status.getElement().setAttribute("role", "status");
            toggle.setId("webhook-toggle-" + id);
            toggle.addThemeVariants(ButtonVariant.LUMO_SMALL);
            toggle.addClickListener(e -> perform(() -> update(service().setEnabled(PortalSession.require(), id,
                    !this.endpoint.enabled()), true)));
            Button ping = new Button(getTranslation("webhooks.ping"), e -> perform(() -> {
                service().ping(PortalSession.require(), id);
                status.setText(getTranslation("webhooks.ping.sent"));
                refreshDeliveries();
            }));
            ping.setId("webhook-ping-" + id);
            ping.addThemeVariants(ButtonVariant.LUMO_SMALL);
            ping.getElement().setAttribute("aria-label", getTranslation("webhooks.ping.label", endpoint.url()));
            Button refresh = new Button(getTranslation("webhooks.refresh"), e -> {
                status.setText("");
                refreshDeliveries();
            });
            refresh.setId("webhook-refresh-" + id);
            refresh.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
            refresh.getElement().setAttribute("aria-label", getTranslation("webhooks.refresh.label", endpoint.url()));
            Button delete = new Button(getTranslation("webhooks.delete"), e -> confirmDelete());
            delete.setId("webhook-delete-" + id);
            delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            delete.getElement().setAttribute("aria-label", getTranslation("webhooks.delete.label", endpoint.url()));
            FlexLayout actions = new FlexLayout(toggle, ping, refresh, delete, status);
            actions.setAlignItems(Alignment.CENTER);
            actions.getStyle().set("gap", "var(--lumo-space-s)");
            actions.setFlexWrap(FlexLayout.FlexWrap.WRAP);
            Paragraph summary = new Paragraph(state, new Span(" · "), failures);
            Paragraph about = new Paragraph();
            if (endpoint.description() != null && !endpoint.description().isBlank()) {
                about.add(new Span(endpoint.description() + " · "));
            }
            about.add(subscribed);

            deliveries.setId("deliveries-" + id);
            deliveries.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT, GridVariant.LUMO_COMPACT);
            deliveries.setPageSize(PAGE);
            deliveries.setHeight("20rem");
            deliveries.getElement().setAttribute("aria-label", getTranslation("webhooks.deliveries.label", endpoint.url()));
            columns();
            H3 deliveriesTitle = new H3(getTranslation("webhooks.deliveries"));
            deliveriesTitle.getStyle().set("font-size", "var(--lumo-font-size-m)");
            section.add(heading, about, summary, actions, deliveriesTitle, deliveries);
            update(endpoint, true);
            refreshDeliveries();
        }

        /** Shows the endpoint as it is now; the deliveries too when they changed (or when {@code force}). */
        void update(WebhookEndpoint now, boolean force) {
            if (force || !now.equals(endpoint)) {
                endpoint = now;
                String s = now.enabled() ? "ENABLED" : "failures".equals(now.disabledReason()) ? "DISABLED_FAILURES" : "DISABLED";
                state.setText(getTranslation("webhooks.state." + s));
                state.getElement().setAttribute("data-state", s);
                state.getElement().getThemeList().clear();
                state.getElement().getThemeList().add("badge" + (now.enabled() ? " success" : " error"));
                failures.setText(getTranslation("webhooks.failures", now.consecutiveFailures()));
                failures.getElement().setAttribute("data-failures", Integer.toString(now.consecutiveFailures()));
                subscribed.setText(getTranslation("webhooks.subscribed", now.events().stream().sorted()
                        .map(WebhookEvent::wireName).collect(Collectors.joining(", "))));
                toggle.setText(getTranslation(now.enabled() ? "webhooks.disable" : "webhooks.enable"));
                toggle.getElement().setAttribute("aria-label", getTranslation(now.enabled() ? "webhooks.disable.label"
                        : "webhooks.enable.label", now.url()));
            }
            if (!force) {
                try {
                    List<WebhookDelivery> latest = service().deliveries(PortalSession.require(), id, 0, PAGE).items();
                    if (!latest.equals(seen)) {
                        seen = latest;
                        deliveries.getDataProvider().refreshAll();
                    }
                } catch (GuichetsException gone) {
                    // deleted or refused meanwhile: the next poll redraws the list
                }
            }
        }

        void refreshDeliveries() {
            Actor actor = PortalSession.require();
            try {
                seen = service().deliveries(actor, id, 0, PAGE).items();
            } catch (GuichetsException e) {
                status.setText(Errors.text(e, getLocale()));
                return;
            }
            deliveries.setItems(q -> service().deliveries(PortalSession.require(), id, q.getOffset(), q.getLimit()).items().stream(),
                    q -> (int) Math.min(Integer.MAX_VALUE, service().deliveries(PortalSession.require(), id, 0, 1).total()));
        }

        private void columns() {
            deliveries.addColumn(d -> eventLabel(d.event())).setHeader(getTranslation("webhooks.column.event")).setAutoWidth(true);
            deliveries.addColumn(d -> Display.dateTime(getLocale(), d.createdAt())).setHeader(getTranslation("webhooks.column.created"))
                    .setAutoWidth(true);
            deliveries.addComponentColumn(d -> {
                Span s = new Span(statusText(d));
                s.setId("delivery-status-" + d.id());
                s.addClassName("delivery");
                s.getElement().setAttribute("data-status", d.status().name());
                s.getElement().setAttribute("data-attempts", Integer.toString(d.attempts()));
                if (d.replayOf() != null) {
                    s.getElement().setAttribute("data-replay-of", Long.toString(d.replayOf()));
                }
                return s;
            }).setHeader(getTranslation("webhooks.column.status")).setAutoWidth(true);
            deliveries.addColumn(WebhookDelivery::attempts).setHeader(getTranslation("webhooks.column.attempts")).setAutoWidth(true);
            deliveries.addComponentColumn(d -> {
                Span s = new Span(result(d));
                s.setId("delivery-result-" + d.id());
                return s;
            }).setHeader(getTranslation("webhooks.column.result")).setAutoWidth(true);
            deliveries.addColumn(d -> excerpt(d.responseBody())).setHeader(getTranslation("webhooks.column.response"))
                    .setTooltipGenerator(d -> d.responseBody() == null ? null : d.responseBody());
            deliveries.addComponentColumn(d -> {
                Button replay = new Button(getTranslation("webhooks.replay"), e -> perform(() -> {
                    service().replay(PortalSession.require(), d.id());
                    status.setText(getTranslation("webhooks.replayed"));
                    refreshDeliveries();
                }));
                replay.setId("delivery-replay-" + d.id());
                replay.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
                replay.getElement().setAttribute("aria-label", getTranslation("webhooks.replay.label", Long.toString(d.id())));
                return replay;
            }).setHeader(getTranslation("webhooks.column.actions")).setAutoWidth(true);
        }

        private String statusText(WebhookDelivery d) {
            String text = switch (d.status()) {
                case DELIVERED -> getTranslation("webhooks.delivery.DELIVERED");
                case FAILED -> getTranslation("webhooks.delivery.FAILED");
                case PENDING -> d.attempts() > 0 && d.nextAttemptAt() != null
                        ? getTranslation("webhooks.delivery.retrying", Display.dateTime(getLocale(), d.nextAttemptAt()))
                        : getTranslation("webhooks.delivery.PENDING");
            };
            return d.replayOf() == null ? text : text + " · " + getTranslation("webhooks.delivery.replayOf", Long.toString(d.replayOf()));
        }

        private String result(WebhookDelivery d) {
            if (d.responseStatus() != null) {
                return getTranslation("webhooks.result.http", Integer.toString(d.responseStatus()), Long.toString(d.durationMillis()));
            }
            if (d.error() != null) {
                return d.error();
            }
            return "–";
        }

        private void perform(Runnable action) {
            try {
                action.run();
            } catch (GuichetsException e) {
                status.setText(Errors.text(e, getLocale()));
            }
        }

        private void confirmDelete() {
            ConfirmDialog dialog = new ConfirmDialog();
            dialog.setId("confirm-delete-webhook");
            dialog.setHeader(getTranslation("webhooks.delete.title", endpoint.url()));
            dialog.setText(getTranslation("webhooks.delete.text"));
            dialog.setCancelable(true);
            dialog.setCancelText(getTranslation("queue.cancel"));
            dialog.setConfirmText(getTranslation("webhooks.delete"));
            dialog.setConfirmButtonTheme("error primary");
            dialog.addConfirmListener(e -> {
                try {
                    service().delete(PortalSession.require(), id);
                    listStatus.setText(getTranslation("webhooks.deleted", endpoint.url()));
                } catch (GuichetsException ex) {
                    listStatus.setText(Errors.text(ex, getLocale()));
                }
                render();
            });
            dialog.open();
        }
    }

    private static String excerpt(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() <= EXCERPT ? flat : flat.substring(0, EXCERPT) + "…";
    }

    /** The events an endpoint may subscribe to. */
    static Set<WebhookEvent> subscribable() {
        return EnumSet.complementOf(EnumSet.of(WebhookEvent.PING));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("webhooks.pageTitle");
    }
}
