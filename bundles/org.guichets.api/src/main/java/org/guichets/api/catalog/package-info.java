/** The companies' product catalogues and who may act on each product. */
@Version("1.0.0")
package org.guichets.api.catalog;

import org.osgi.annotation.versioning.Version;
