// A delivery's outcome in one line, for `send`, `serve --webhook` and `listen`: the status (or
// why there was none), the tries, and, after a redirect, what the receiver then got, which is
// easy to miss: the engine's client turns the POST into a GET without a body after a 301, 302
// or 303, so the event never arrives although the delivery counts as made.
import type { DeliveryOutcome } from "./deliver.js";

/**
 * An outcome in a few words: `200 OK`, `503 Service Unavailable after 3 attempts`,
 * `no answer after 3 attempts: connection refused`, and after redirects what was sent where.
 * @example
 * describeOutcome({ ok: true, attempts: 2, status: 200, statusText: "OK", hops: [] }); // "200 OK after 2 attempts"
 */
export function describeOutcome(outcome: DeliveryOutcome): string {
  const tries = outcome.attempts > 1 ? ` after ${outcome.attempts} attempts` : "";
  const result =
    outcome.status !== undefined && outcome.error === undefined
      ? `${outcome.status}${outcome.statusText ? ` ${outcome.statusText}` : ""}${tries}`
      : `no answer${tries}: ${outcome.error ?? "unknown error"}`;
  return `${result}${describeRedirects(outcome)}`;
}

/** `; redirected (302 to http://…): the receiver got a GET without a body …`, or nothing. */
function describeRedirects({ hops }: DeliveryOutcome): string {
  const last = hops.at(-1);
  if (last === undefined) return "";
  const path = hops.map((hop) => `${hop.status} to ${hop.to}`).join(", then ");
  const what =
    last.method === "GET"
      ? "a GET without a body (the engine's client turns the POST into one after a 301, 302 or 303), so the event was not received"
      : "the POST again, with its body";
  return `; redirected (${path}): the receiver there got ${what}`;
}

/**
 * Whether a delivery counted as made only through a redirect that dropped the event: the
 * engine would call it delivered; the summary says how many.
 * @example
 * if (lostInRedirect(outcome)) lost++;
 */
export function lostInRedirect(outcome: DeliveryOutcome): boolean {
  return outcome.ok && outcome.hops.at(-1)?.method === "GET";
}
