/** The service's HTTP API on Jetty's core handlers: routes, JSON bodies, and errors with their status codes. */
package dev.scanbench.service.http;
