/** {@code workbench serve} and {@code workbench submit}, added to the CLI through its extension point. */
package dev.scanbench.service.cli;
