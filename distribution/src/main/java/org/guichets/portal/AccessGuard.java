package org.guichets.portal;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterListener;
import com.vaadin.flow.router.QueryParameters;
import java.util.List;
import java.util.Map;

/**
 * Runs before every navigation: a route marked {@link SignInRequired} is reached only when signed
 * in; anyone else is sent to the sign-in page with the address to come back to. What the
 * signed-in user may see there, the services decide.
 */
final class AccessGuard implements BeforeEnterListener {

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (event.getNavigationTarget().isAnnotationPresent(SignInRequired.class) && PortalSession.actor().isEmpty()) {
            String back = event.getLocation().getPathWithQueryParameters();
            event.forwardTo(SignInView.class, QueryParameters.simple(Map.of(SignInView.CONTINUE, back)));
        }
    }

    /** The address to go back to after sign-in, if it is one of ours. */
    static String safeContinue(List<String> values) {
        if (values == null || values.isEmpty()) {
            return "";
        }
        String v = values.get(0);
        // a path inside the portal only: never another site, never a scheme
        return v.matches("[A-Za-z0-9/_\\-?=&%.]*") && !v.startsWith("/") && !v.contains("//") && !v.contains("..") ? v : "";
    }
}
