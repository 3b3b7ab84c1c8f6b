// Cross-origin access to the stream, for a dashboard served from another local port: a
// preflight (OPTIONS with Access-Control-Request-Method) is answered 200 whatever the path, and
// every answer to a request with an Origin echoes it with credentials allowed, so a page may
// send `Authorization` or the `ironflow_token` cookie (fetch's credentials: "include",
// EventSource's withCredentials). `*` would not do: a browser refuses it with credentials.
import type { IncomingMessage, ServerResponse } from "node:http";

/** The one request header a page adds that needs the preflight's blessing. */
const ALLOWED_HEADERS = "authorization";

/**
 * The CORS headers of an answer to `req`: none without an Origin.
 * @example
 * res.writeHead(200, { ...corsHeaders(req), "content-type": "text/event-stream" });
 */
export function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  if (origin === undefined) return { vary: "origin" };
  return { "access-control-allow-origin": origin, "access-control-allow-credentials": "true", vary: "origin" };
}

/**
 * Answers `req` if it is a preflight; false when it is not one.
 * @example
 * if (answerPreflight(req, res)) return;
 */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== "OPTIONS" || req.headers["access-control-request-method"] === undefined) return false;
  res.writeHead(200, {
    ...corsHeaders(req),
    "access-control-allow-methods": "GET",
    "access-control-allow-headers": ALLOWED_HEADERS,
    vary: "origin, access-control-request-method, access-control-request-headers",
  });
  res.end();
  return true;
}
