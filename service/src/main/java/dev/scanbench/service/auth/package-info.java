/** Who may use the service: API tokens kept by hash, and each token's submission rate. */
package dev.scanbench.service.auth;
