// One try of a delivery with its redirects followed as the engine's HTTP client follows them
// (reqwest, whose redirects are tower-http's FollowRedirect): up to 10; after a 301 or 302 a
// POST becomes a GET, and after a 303 anything does, without the body and its Content-Type,
// Content-Length and Content-Encoding; a 307 or 308 repeats the request, body and all. Every
// other header goes along (X-Signature-256 too), with a Referer naming the previous URL (but
// from https to http). A 3xx without a usable Location is the answer itself; a Location that is
// not http(s), or an 11th redirect, fails the try.
import { ENGINE_MAX_REDIRECTS } from "./engine-policy.js";
import { exchange, type Answer, type OutgoingRequest } from "./http-exchange.js";

/** The redirects tower-http follows; any other 3xx is an answer like any other. */
const FOLLOWED = new Set([301, 302, 303, 307, 308]);
/** The headers that describe a body: gone with it when a redirect turns the request into a GET. */
const PAYLOAD_HEADERS = ["content-type", "content-length", "content-encoding", "transfer-encoding"];

/**
 * One redirect followed: its status, where it led, and the request made there.
 * @example
 * const hop: Hop = { status: 302, to: "http://127.0.0.1:3000/new", method: "GET", withBody: false };
 */
export interface Hop {
  status: number;
  to: string;
  method: OutgoingRequest["method"];
  withBody: boolean;
}

/**
 * A try's result: the final answer and the redirects that led to it.
 * @example
 * const { answer, hops } = await sendFollowingRedirects(url, sent, signal);
 */
export interface Followed {
  answer: Answer;
  hops: Hop[];
}

/**
 * A try's failure that is not the network's: too many redirects, or one to a URL the client
 * will not follow. Its message says which.
 */
export class RedirectError extends Error {
  constructor(
    message: string,
    readonly hops: Hop[],
  ) {
    super(message);
  }
}

/**
 * Sends `first` to `url` and follows the redirects of the answers; rejects with a RedirectError
 * or with the network's error (or `signal`'s reason).
 * @example
 * const { answer, hops } = await sendFollowingRedirects(new URL(url), { method: "POST", headers, body }, signal);
 */
export async function sendFollowingRedirects(url: URL, first: OutgoingRequest, signal: AbortSignal): Promise<Followed> {
  const hops: Hop[] = [];
  let current = url;
  let sent = first;
  for (;;) {
    const answer = await exchange(current, sent, signal);
    if (!FOLLOWED.has(answer.status)) return { answer, hops };
    const next = resolveLocation(answer.location, current);
    if (next === undefined) return { answer, hops };
    if (hops.length === ENGINE_MAX_REDIRECTS)
      throw new RedirectError(`too many redirects (the engine's client follows ${ENGINE_MAX_REDIRECTS})`, hops);
    if (next.protocol !== "http:" && next.protocol !== "https:")
      throw new RedirectError(
        `a redirect to ${next.protocol} URL ${next.href}, which the engine's client refuses`,
        hops,
      );
    sent = redirected(sent, answer.status, current, next);
    hops.push({ status: answer.status, to: next.href, method: sent.method, withBody: sent.body !== undefined });
    current = next;
  }
}

/** The Location resolved against the URL it answered; undefined when there is none or it does not parse. */
function resolveLocation(location: string | undefined, base: URL): URL | undefined {
  if (location === undefined) return undefined;
  try {
    return new URL(location, base);
  } catch {
    return undefined;
  }
}

/** The request made at `next` after `status` answered `sent` at `previous`. */
function redirected(sent: OutgoingRequest, status: number, previous: URL, next: URL): OutgoingRequest {
  const headers: Record<string, string> = { ...sent.headers };
  let { method, body } = sent;
  if (((status === 301 || status === 302) && method === "POST") || status === 303) {
    method = "GET";
    body = undefined;
    for (const name of PAYLOAD_HEADERS) delete headers[name];
  }
  const referer = refererOf(previous, next);
  if (referer === undefined) delete headers.referer;
  else headers.referer = referer;
  return { method, headers, body };
}

/** reqwest's Referer: the previous URL without credentials or fragment; none from https to http. */
function refererOf(previous: URL, next: URL): string | undefined {
  if (next.protocol === "http:" && previous.protocol === "https:") return undefined;
  const referer = new URL(previous.href);
  referer.username = "";
  referer.password = "";
  referer.hash = "";
  return referer.href;
}
