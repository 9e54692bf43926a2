package org.guichets.portal;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import java.util.Locale;

/**
 * Every new UI speaks French unless the visitor chose another portal language in this session:
 * the portal is French first, whatever the browser's language.
 */
public final class PortalInitListener implements VaadinServiceInitListener {

    /** Session attribute holding the language the visitor chose. */
    static final String LOCALE_ATTRIBUTE = "guichets.locale";

    @Override
    public void serviceInit(ServiceInitEvent event) {
        // what the browser says when the session timed out or the server went away, in the portal's language
        event.getSource().setSystemMessagesProvider(info -> {
            Locale locale = info.getLocale() != null && info.getLocale().getLanguage().equals("en") ? Locale.ENGLISH : Locale.FRENCH;
            PortalI18NProvider i18n = new PortalI18NProvider();
            com.vaadin.flow.server.CustomizedSystemMessages m = new com.vaadin.flow.server.CustomizedSystemMessages();
            m.setSessionExpiredCaption(i18n.getTranslation("system.sessionExpired.caption", locale));
            m.setSessionExpiredMessage(i18n.getTranslation("system.sessionExpired.message", locale));
            m.setSessionExpiredNotificationEnabled(true);
            m.setInternalErrorCaption(i18n.getTranslation("system.internalError.caption", locale));
            m.setInternalErrorMessage(i18n.getTranslation("system.internalError.message", locale));
            return m;
        });
        event.getSource().addUIInitListener(e -> {
            UI ui = e.getUI();
            ui.setLocale(chosenLocale(ui.getSession()));
            declareLanguage(ui);
            ui.addBeforeEnterListener(new AccessGuard());
        });
    }

    static Locale chosenLocale(VaadinSession session) {
        Object chosen = session == null ? null : session.getAttribute(LOCALE_ATTRIBUTE);
        return chosen instanceof Locale l && PortalI18NProvider.LOCALES.contains(l) ? l : Locale.FRENCH;
    }

    /** Switches the session, and the current UI, to {@code locale}. */
    static void choose(UI ui, Locale locale) {
        ui.getSession().setAttribute(LOCALE_ATTRIBUTE, locale);
        ui.getSession().setLocale(locale);
        ui.setLocale(locale);
        declareLanguage(ui);
    }

    /** Screen readers and spell checkers read the page's language from {@code <html lang>}. */
    private static void declareLanguage(UI ui) {
        ui.getPage().executeJs("document.documentElement.lang = $0", ui.getLocale().getLanguage());
    }
}
