// The answers of the webhook receiver: JSON, so the engine's delivery log (and whoever reads it)
// sees why a request was refused. Built here only, as plain answers that the fetch-style handler
// turns into a Response and the Node adapter writes straight to node:http.

/** An answer: a status, a JSON body or none, and headers. */
export interface Answer {
  status: number;
  body?: object;
  headers?: Record<string, string>;
}

/**
 * The header that asks the client to close the connection after the answer: sent when the body
 * was left unread (over the limit, too slow), since reading the rest only to keep the
 * connection would let a client make the receiver read without end.
 */
export const CLOSE_CONNECTION: Readonly<Record<string, string>> = { Connection: "close" };

/** An answer with `body` as JSON, or with no body when there is none (204). */
export function reply(status: number, body?: object, headers?: Record<string, string>): Answer {
  return { status, body, headers };
}

/** A refusal: `{ error, message }`, `error` a word a program can test, `message` a sentence for a person. */
export function refusal(status: number, error: string, message: string, headers?: Record<string, string>): Answer {
  return { status, body: { error, message }, headers };
}

/** The answer as a web Response. */
export function toResponse(answer: Answer): Response {
  if (answer.body === undefined) return new Response(null, { status: answer.status, headers: answer.headers });
  return new Response(JSON.stringify(answer.body), {
    status: answer.status,
    headers: { "Content-Type": "application/json", ...answer.headers },
  });
}
