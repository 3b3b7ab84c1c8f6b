// The responses the webhook handler and the Node adapter answer with: JSON, so the engine's
// delivery log (and whoever reads it) sees why a request was refused. Built here only.

/** A response with `body` as JSON, or with no body when there is none (204). */
export function reply(status: number, body?: object, headers?: Record<string, string>): Response {
  if (body === undefined) return new Response(null, { status, headers });
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

/** A refusal: `{ error, message }`, `error` a word a program can test, `message` a sentence for a person. */
export function refusal(status: number, error: string, message: string, headers?: Record<string, string>): Response {
  return reply(status, { error, message }, headers);
}
