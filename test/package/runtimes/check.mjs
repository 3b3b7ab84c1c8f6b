// The one check every runtime of the matrix runs (test/package/runtimes.test.ts), unchanged: plain
// JavaScript with no imports, given the package's namespace however the runtime loaded it and the
// origin of the test's server on 127.0.0.1, which serves the inputs (/fixtures: events, a webhook
// body and its signature made by Node's crypto) and an event stream (/events). It returns a report
// of plain JSON data; the test expects the same report from every runtime.

/** The issues of a failed validation as "path code" strings, or "ok". */
function issueList(result) {
  return result.ok ? "ok" : result.issues.map((issue) => `${issue.path} ${issue.code}`);
}

/** What a call threw: its class (as instanceof sees it), code and issues; or what it returned. */
async function outcome(api, call) {
  try {
    const value = await call();
    return { returned: value.type };
  } catch (error) {
    const report = { threw: error?.name ?? typeof error };
    if (error instanceof api.EventValidationError)
      report.issues = error.issues.map((issue) => `${issue.path} ${issue.code}`);
    else if (error instanceof api.WebhookVerificationError) report.code = error.code;
    else report.message = String(error?.message ?? error);
    return report;
  }
}

/** Reads the server's event stream until `count` events arrived (or 10 s passed). */
async function streamed(api, origin, count) {
  const events = [];
  const invalid = [];
  const signal = AbortSignal.timeout(10_000);
  for await (const event of api.streamEvents(`${origin}/events`, {
    signal,
    onInvalid: (issues) => invalid.push(issues.map((issue) => issue.code)),
  })) {
    events.push(event);
    if (events.length === count) break;
  }
  return { events, invalid, timedOut: signal.aborted };
}

/** Runs every check; `origin` is the test server's, as `http://127.0.0.1:<port>`. */
export async function runChecks(api, origin) {
  const fixtures = await (await fetch(`${origin}/fixtures`)).json();
  const { valid, secret, signature, streamCount } = fixtures;
  const parsed = api.parseEvent(JSON.stringify(valid));
  const bodyBytes = new TextEncoder().encode(fixtures.body);
  const tamperedBytes = new TextEncoder().encode(fixtures.tamperedBody);
  return {
    parseValid: parsed,
    parseInvalid: await outcome(api, () => api.parseEvent(JSON.stringify({ ...valid, run_id: "not-a-uuid", at: 7 }))),
    parseNotJson: await outcome(api, () => api.parseEvent('{"type":"log_line",')),
    validateStrictExtra: issueList(api.validateEvent({ ...valid, extra: 1 }, { strict: true })),
    validateLaxExtra: issueList(api.validateEvent({ ...valid, extra: 1 })),
    validateUnknownType: issueList(api.validateEvent({ ...valid, type: "step_paused" })),
    isEvent: [api.isEvent(parsed), api.isEvent({ ...valid, run_id: "not-a-uuid" }), api.isEvent(null)],
    webhookString: await outcome(api, () => api.verifyWebhook(fixtures.body, signature, secret)),
    webhookBytes: await outcome(api, () => api.verifyWebhook(bodyBytes, signature, secret)),
    webhookSecretBytes: await outcome(api, () =>
      api.verifyWebhook(bodyBytes, signature, new TextEncoder().encode(secret)),
    ),
    webhookTamperedString: await outcome(api, () => api.verifyWebhook(fixtures.tamperedBody, signature, secret)),
    webhookTamperedBytes: await outcome(api, () => api.verifyWebhook(tamperedBytes, signature, secret)),
    webhookWrongSecret: await outcome(api, () => api.verifyWebhook(fixtures.body, signature, `${secret}!`)),
    stream: await streamed(api, origin, streamCount),
  };
}
