/**
 * JPA entities. They never leave the core bundle: services turn them into the API's records.
 * Fields are public for brevity; only the services of this bundle touch them, inside a
 * transaction.
 */
package org.guichets.core.internal.jpa;
