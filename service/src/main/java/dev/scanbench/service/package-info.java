/**
 * The scoring service ({@code workbench serve}): submissions over HTTP, a queue that runs each as a child
 * {@code workbench score}, and a signed score log only the service appends to. {@code workbench submit} is its
 * client.
 */
package dev.scanbench.service;
