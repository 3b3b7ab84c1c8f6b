// One HTTP request of a delivery, with node:http(s) rather than fetch: fetch adds headers of
// its own (accept-language, sec-fetch-mode, user-agent) that the engine's client does not send,
// and would read a reply we must leave unread. The reply's body is never read: the socket is
// closed once the status line and headers are in, as the engine's client drops an unread body,
// so a receiver answering 600 MB costs nothing. Header names go out in lower case, as hyper
// writes them.
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";

/**
 * A request to make: its method, headers (lower-case names) and body, if any.
 * @example
 * const sent: OutgoingRequest = { method: "POST", headers: { "content-type": "application/json" }, body };
 */
export interface OutgoingRequest {
  method: "POST" | "GET";
  headers: Readonly<Record<string, string>>;
  body: Uint8Array | undefined;
}

/**
 * What came back: the status, its reason phrase, and the Location header (for redirects).
 * @example
 * const answer: Answer = { status: 302, statusText: "Found", location: "/elsewhere" };
 */
export interface Answer {
  status: number;
  statusText: string;
  location: string | undefined;
}

/**
 * Sends `sent` to `url` and resolves with the answer's status line and Location, the body
 * unread. Rejects with the socket's error, or with `signal`'s reason when it aborts first.
 * @example
 * const answer = await exchange(new URL("http://127.0.0.1:3000/hooks"), sent, AbortSignal.timeout(5000));
 */
export function exchange(url: URL, sent: OutgoingRequest, signal: AbortSignal): Promise<Answer> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const request = (url.protocol === "https:" ? httpsRequest : httpRequest)(url, {
      method: sent.method,
      // hyper names the host first, in lower case, as every other header.
      headers: {
        host: url.host,
        ...sent.headers,
        ...(sent.body === undefined ? {} : { "content-length": String(sent.body.byteLength) }),
      },
      // A connection of its own, closed after the answer: the unread body leaves it unusable anyway.
      agent: false,
      signal,
    });
    // hyper writes no Connection header on HTTP/1.1; Node would add "Connection: close".
    request.removeHeader("connection");
    request.once("response", (response) => {
      response.on("error", () => {}); // destroyed unread: whatever it says now is of no interest
      resolve({
        status: response.statusCode ?? 0,
        statusText: response.statusMessage ?? "",
        location: single(response.headers.location),
      });
      response.destroy(); // the body is never read
    });
    // `on`, not `once`: a socket may fail again after the answer (it is destroyed unread).
    request.on("error", (error) => reject(signal.aborted ? signal.reason : error));
    request.end(sent.body);
  });
}

function single(value: IncomingHttpHeaders[string]): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
