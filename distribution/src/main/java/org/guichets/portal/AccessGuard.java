package org.guichets.portal;

import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterListener;
import com.vaadin.flow.router.QueryParameters;
import java.util.List;
import java.util.Map;

/**
 * Runs before every navigation: a route marked {@link SignInRequired} is reached only when signed
 * in; anyone else is sent to the sign-in page with the address to come back to. A route marked
 * {@link StaffOnly} also needs one of its roles, or shows the refusal. What the signed-in user may
 * see there, the services decide again.
 */
final class AccessGuard implements BeforeEnterListener {

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        Class<?> target = event.getNavigationTarget();
        StaffOnly staff = target.getAnnotation(StaffOnly.class);
        boolean signInRequired = target.isAnnotationPresent(SignInRequired.class) || staff != null;
        java.util.Optional<org.guichets.api.identity.Actor> actor = PortalSession.actor();
        if (signInRequired && actor.isEmpty()) {
            String back = event.getLocation().getPathWithQueryParameters();
            event.forwardTo(SignInView.class, QueryParameters.simple(Map.of(SignInView.CONTINUE, back)));
        } else if (staff != null && !allowed(actor.get(), staff)) {
            event.forwardTo(AccessDeniedView.class);
        }
    }

    /** Whether the actor holds one of the roles that open a workspace. */
    static boolean allowed(org.guichets.api.identity.Actor actor, StaffOnly staff) {
        return java.util.Arrays.stream(staff.value()).anyMatch(actor::has);
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
