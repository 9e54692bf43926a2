/**
 * Organisations, accounts and the identifiers that come with them (SIRET, legal forms), and the
 * {@link org.guichets.api.identity.Actor} every service call is made as.
 */
@Version("1.2.0")
package org.guichets.api.identity;

import org.osgi.annotation.versioning.Version;
