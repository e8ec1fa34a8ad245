/**
 * Submissions and the queue that runs them: a request checked before it is queued, its state kept on disk so that
 * a restart loses nothing, and engines that run each as a child {@code workbench score}.
 */
package dev.scanbench.service.job;
