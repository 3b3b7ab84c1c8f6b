// serve --token: the engine's authentication of GET /api/v1/events, for one token: the request
// carries it as `Authorization: Bearer <token>` or in the cookie `ironflow_token`, or it is
// answered 401 with a JSON error body. Compared in constant time (a local server, but a habit).
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

/** The cookie the engine's web UI keeps its token in. */
export const TOKEN_COOKIE = "ironflow_token";
const BEARER = "Bearer ";

/**
 * The 401 answer's body: the engine answers with a JSON error body, whose fields beyond an
 * error name are not known; serve says no more.
 * @example
 * res.writeHead(401, { "content-type": "application/json" }).end(UNAUTHORIZED_BODY);
 */
export const UNAUTHORIZED_BODY = JSON.stringify({ error: "unauthorized" });

/**
 * A test of requests against `token`: true when one carries it in either place.
 * @example
 * const allowed = tokenCheck("s3cret");
 * if (!allowed(req)) return unauthorized(res);
 */
export function tokenCheck(token: string): (req: IncomingMessage) => boolean {
  const expected = digest(token);
  const matches = (candidate: string) => timingSafeEqual(digest(candidate), expected);
  return (req) => {
    const authorization = req.headers.authorization;
    if (authorization?.startsWith(BEARER) === true && matches(authorization.slice(BEARER.length))) return true;
    const cookie = cookieValue(req.headers.cookie, TOKEN_COOKIE);
    return cookie !== undefined && matches(cookie);
  };
}

/** Digests of equal length, whatever the lengths of the texts: timingSafeEqual needs them. */
function digest(text: string): Buffer {
  return createHash("sha256").update(text, "utf8").digest();
}

/** The value of cookie `name` in a Cookie header (`a=1; ironflow_token=…`), if it is there. */
function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const pair of header.split(";")) {
    const eq = pair.indexOf("=");
    if (eq !== -1 && pair.slice(0, eq).trim() === name) return pair.slice(eq + 1).trim();
  }
  return undefined;
}
