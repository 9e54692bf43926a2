package org.guichets.portal;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.H1;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.i18n.LocaleChangeEvent;
import com.vaadin.flow.i18n.LocaleChangeObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.guichets.api.Dispositif;
import org.guichets.api.DispositifRegistry;
import org.guichets.api.Guichet;
import org.guichets.api.candidature.QueueFilter;
import org.guichets.api.candidature.QueueItem;
import org.guichets.api.candidature.QueueStatus;
import org.guichets.api.candidature.ReviewQueue;
import org.guichets.api.candidature.Step;
import org.guichets.api.error.GuichetsException;
import org.guichets.api.identity.Actor;
import org.guichets.api.identity.PlatformRole;

/**
 * The reviewers' and the committee's work queue: every candidature under instruction they may
 * act on, filtered by scheme, guichet, step, whose turn it is, waiting time and who holds it;
 * sorted by waiting time or by the candidate's silence; paged lazily (the service reads one page
 * of an index); claimed or handed to a colleague from the row.
 */
@Route(value = "agence/instruction", layout = PortalLayout.class)
@StaffOnly({PlatformRole.REVIEWER, PlatformRole.COMMITTEE})
public final class QueueView extends VerticalLayout implements HasDynamicTitle, LocaleChangeObserver {

    /** The queue's orders: by waiting time (oldest or newest first) or by the candidate's silence. */
    enum Order { OLDEST, NEWEST, SILENT }

    private final Select<String> scheme = new Select<>();
    private final Select<String> guichet = new Select<>();
    private final Select<Step> step = new Select<>();
    private final Select<QueueStatus> status = new Select<>();
    private final Select<QueueFilter.Assignment> assignment = new Select<>();
    private final Select<Order> order = new Select<>();
    private final IntegerField minDays = new IntegerField();
    private final Grid<QueueItem> grid = new Grid<>();
    private final Span total = new Span();
    private final Errors errors = new Errors();

    public QueueView() {
        setId("queue");
        setPadding(false);
        Actor actor = PortalSession.require();
        scheme.setId("filter-scheme");
        scheme.setEmptySelectionAllowed(true);
        guichet.setId("filter-guichet");
        guichet.setEmptySelectionAllowed(true);
        step.setId("filter-step");
        step.setEmptySelectionAllowed(true);
        List<Step> steps = new ArrayList<>();
        if (actor.has(PlatformRole.REVIEWER)) {
            steps.add(Step.FORM);
            steps.add(Step.EVIDENCE);
        }
        if (actor.has(PlatformRole.COMMITTEE)) {
            steps.add(Step.HABILITATION);
        }
        step.setItems(steps);
        status.setId("filter-status");
        status.setItems(QueueStatus.values());
        status.setValue(QueueStatus.AGENCY);
        assignment.setId("filter-assignment");
        assignment.setItems(QueueFilter.Assignment.values());
        assignment.setValue(QueueFilter.Assignment.ANY);
        order.setId("filter-order");
        order.setWidth("20rem");
        status.setWidth("16rem");
        order.setItems(Order.values());
        order.setValue(Order.OLDEST);
        minDays.setId("filter-min-days");
        minDays.setMin(0);
        minDays.setMax(3650);
        minDays.setStepButtonsVisible(true);
        scheme.addValueChangeListener(e -> {
            guichet.setItems(guichetsOf(e.getValue()));
            refresh();
        });
        for (com.vaadin.flow.component.HasValue<?, ?> f : List.of(guichet, step, status, assignment, order, minDays)) {
            f.addValueChangeListener(e -> refresh());
        }
        FlexLayout filters = new FlexLayout(scheme, guichet, step, status, assignment, order, minDays);
        filters.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        filters.getStyle().set("gap", "var(--lumo-space-m)");
        filters.setId("queue-filters");

        grid.setId("queue-grid");
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(false);
        grid.setHeight("32rem");
        grid.setPageSize(50);
        total.setId("queue-total");
        add(new H1(), filters, total, errors.area(), grid);
        labels();
        columns();
        scheme.setItems(PlatformServices.current().get(DispositifRegistry.class).map(r -> r.dispositifs().stream()
                .map(Dispositif::id).sorted().toList()).orElse(List.of()));
        refresh();
    }

    private void labels() {
        ((H1) getComponentAt(0)).setText(getTranslation("queue.title"));
        scheme.setLabel(getTranslation("queue.filter.scheme"));
        scheme.setEmptySelectionCaption(getTranslation("queue.filter.all"));
        scheme.setItemLabelGenerator(id -> id == null ? getTranslation("queue.filter.all") : Display.scheme(id, getLocale()));
        guichet.setLabel(getTranslation("queue.filter.guichet"));
        guichet.setEmptySelectionCaption(getTranslation("queue.filter.all"));
        guichet.setItemLabelGenerator(id -> id == null ? getTranslation("queue.filter.all")
                : scheme.getValue() == null ? id : Display.guichet(scheme.getValue(), id, getLocale()));
        step.setLabel(getTranslation("queue.filter.step"));
        step.setEmptySelectionCaption(getTranslation("queue.filter.all"));
        step.setItemLabelGenerator(s -> s == null ? getTranslation("queue.filter.all") : getTranslation("queue.step." + s.name()));
        status.setLabel(getTranslation("queue.filter.status"));
        status.setItemLabelGenerator(s -> getTranslation("queue.status." + s.name()));
        assignment.setLabel(getTranslation("queue.filter.assignment"));
        assignment.setItemLabelGenerator(a -> getTranslation("queue.assignment." + a.name()));
        order.setLabel(getTranslation("queue.filter.order"));
        order.setItemLabelGenerator(o -> getTranslation("queue.order." + o.name()));
        minDays.setLabel(getTranslation("queue.filter.minDays"));
    }

    private void columns() {
        grid.removeAllColumns();
        grid.addComponentColumn(item -> {
            RouterLink link = new RouterLink(item.candidatureNumber(), InstructionView.class,
                    new RouteParameters("number", item.candidatureNumber()));
            link.setId("open-" + item.candidatureNumber());
            return link;
        }).setHeader(getTranslation("queue.column.number")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(item -> Display.guichet(item.dispositifId(), item.guichetId(), getLocale()))
                .setHeader(getTranslation("queue.column.guichet")).setTooltipGenerator(item -> Display.scheme(item.dispositifId(), getLocale()));
        grid.addColumn(item -> item.organizationName() + " · " + item.productName()).setHeader(getTranslation("queue.column.product"));
        grid.addColumn(item -> getTranslation("queue.step." + item.step().name())).setHeader(getTranslation("queue.column.step"));
        grid.addColumn(item -> Display.duration(this, item.waitingSince(), Instant.now()))
                .setHeader(getTranslation("queue.column.waiting"));
        grid.addColumn(item -> Display.duration(this, item.candidateActiveAt(), Instant.now()))
                .setHeader(getTranslation("queue.column.silence"));
        grid.addComponentColumn(this::holder).setHeader(getTranslation("queue.column.assignee")).setAutoWidth(true);
    }

    private Component holder(QueueItem item) {
        Actor actor = PortalSession.require();
        HorizontalLayout cell = new HorizontalLayout();
        cell.setSpacing(true);
        cell.setAlignItems(Alignment.CENTER);
        cell.getElement().setAttribute("data-number", item.candidatureNumber());
        Span who = new Span(item.assigneeName() == null ? getTranslation("queue.unassigned") : item.assigneeName());
        who.addClassName("assignee");
        cell.add(who);
        if (item.assigneeId() == null) {
            Button claim = new Button(getTranslation("queue.claim"), e -> act(() -> service().claim(actor, item.candidatureNumber())));
            claim.setId("claim-" + item.candidatureNumber());
            claim.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
            claim.getElement().setAttribute("aria-label", getTranslation("queue.claim.label", item.candidatureNumber()));
            cell.add(claim);
        }
        Button assign = new Button(getTranslation("queue.assign"), e -> assignDialog(actor, item));
        assign.setId("assign-" + item.candidatureNumber());
        assign.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        assign.getElement().setAttribute("aria-label", getTranslation("queue.assign.label", item.candidatureNumber()));
        cell.add(assign);
        return cell;
    }

    private void assignDialog(Actor actor, QueueItem item) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(getTranslation("queue.assign.title", item.candidatureNumber()));
        ComboBox<ReviewQueue.Colleague> who = new ComboBox<>(getTranslation("queue.assign.to"));
        who.setId("assign-to");
        who.setItemLabelGenerator(ReviewQueue.Colleague::displayName);
        try {
            who.setItems(service().colleagues(actor, item.candidatureNumber()));
        } catch (GuichetsException e) {
            errors.show(e, getLocale());
            return;
        }
        Button ok = new Button(getTranslation("queue.assign.confirm"), e -> {
            if (act(() -> service().assign(actor, item.candidatureNumber(),
                    who.getValue() == null ? null : who.getValue().accountId()))) {
                dialog.close();
            }
        });
        ok.setId("assign-confirm");
        ok.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button release = new Button(getTranslation("queue.release"), e -> {
            if (act(() -> service().assign(actor, item.candidatureNumber(), null))) {
                dialog.close();
            }
        });
        release.setId("assign-release");
        Button cancel = new Button(getTranslation("queue.cancel"), e -> dialog.close());
        dialog.add(who);
        dialog.getFooter().add(cancel, release, ok);
        dialog.open();
    }

    /** Runs a claim or an assignment; the refusal (a colleague was faster…) is shown, the queue drawn again. */
    private boolean act(Runnable action) {
        try {
            action.run();
            errors.clear();
            return true;
        } catch (GuichetsException e) {
            errors.show(e, getLocale());
            return false;
        } finally {
            grid.getDataProvider().refreshAll();
        }
    }

    private List<String> guichetsOf(String dispositifId) {
        if (dispositifId == null) {
            return List.of();
        }
        return PlatformServices.current().get(DispositifRegistry.class).flatMap(r -> r.find(dispositifId))
                .map(d -> d.guichets().stream().map(Guichet::id).toList()).orElse(List.of());
    }

    private QueueFilter filter() {
        Integer days = minDays.getValue();
        Order o = Optional.ofNullable(order.getValue()).orElse(Order.OLDEST);
        return new QueueFilter(scheme.getValue(), guichet.getValue(), step.getValue(),
                days == null || days <= 0 ? null : Duration.ofDays(days), o != Order.NEWEST, status.getValue(),
                assignment.getValue(), o == Order.SILENT ? QueueFilter.Sort.CANDIDATE_SILENCE : QueueFilter.Sort.WAITING);
    }

    private void refresh() {
        Actor actor = PortalSession.require();
        QueueFilter f = filter();
        Optional<ReviewQueue> queue = PlatformServices.current().get(ReviewQueue.class);
        if (queue.isEmpty()) {
            errors.show(getTranslation("portal.unavailable"));
            grid.setItems(List.of());
            return;
        }
        // the grid asks the count once per refresh: the label shows the same figure
        grid.setItems(query -> service().queue(actor, f, query.getOffset(), query.getLimit()).items().stream(), query -> {
            long count = service().queue(actor, f, 0, 1).total();
            total.setText(getTranslation("queue.total", count));
            return (int) Math.min(Integer.MAX_VALUE, count);
        });
    }

    private static ReviewQueue service() {
        return PlatformServices.current().get(ReviewQueue.class).orElseThrow(() -> new IllegalStateException("ReviewQueue unavailable"));
    }

    @Override
    public void localeChange(LocaleChangeEvent event) {
        labels();
        columns();
        refresh();
    }

    @Override
    public String getPageTitle() {
        return getTranslation("queue.pageTitle");
    }
}
