/**
 * MCP over HTTP for remote agents: the service's own tools (score through the queue, a submission's state, the
 * leaderboard, the log's tail) on the MCP Java SDK's streamable HTTP transport at {@code /mcp}, behind the same API
 * tokens as the REST endpoints.
 */
package dev.scanbench.service.mcp;
