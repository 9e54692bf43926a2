/**
 * Candidatures: one product applying to one guichet of a dispositif, with its NRU, its number and
 * its gated steps.
 */
@Version("1.5.0")
package org.guichets.api.candidature;

import org.osgi.annotation.versioning.Version;
