package dev.scanbench.service.auth;

/**
 * Whoever a request's token belongs to.
 *
 * @param name  the token's name: the label of its submissions when they give none
 * @param admin whether it may create tokens
 */
public record Client(String name, boolean admin) {
}
