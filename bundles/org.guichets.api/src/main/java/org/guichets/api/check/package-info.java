/**
 * Checks a scheme runs on evidence as it is uploaded (a pen-test form's eligibility, a
 * conformity-tool report's summary, a signed habilitation from another desk): code a plugin
 * registers as services, whose answers the candidate and the reviewer see beside the file.
 */
@Version("1.1.0")
package org.guichets.api.check;

import org.osgi.annotation.versioning.Version;
