// A fake of the engine's transport, written from the project's design notes ("Delivery, as the
// engine does it") and the engine's libraries (axum's query rejection, serde's and the uuid crate's
// messages) alone, and from nothing in src/cli: the tests use it as the engine, for `listen`,
// and as a second opinion on `serve` (the same requests must get the same answers). Its stream:
// GET /api/v1/events behind a token (cookie `ironflow_token` or `Authorization: Bearer`, else
// 401 with a JSON body), `event:` and `data:` lines only, a `:` keep-alive after an idle
// interval, `?types=` and `?run_id=` read as axum and serde read them (400, plain text, on a bad
// one), and each subscriber fed from a broadcast channel of 256: one further behind loses the
// oldest events, silently. On 127.0.0.1, closed by `close()`.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { EVENT_TYPES } from "../../generated/constants.js";
import { listenLocally } from "./local-server.js";

/** tokio's broadcast channel of the engine's event bus. */
export const FAKE_CHANNEL_CAPACITY = 256;

export interface FakeEngineOptions {
  /** Every request must carry it; undefined: no authentication (a fake convenience). */
  token?: string;
  keepAliveMs?: number;
  /** The engine version's event types, in its order. */
  eventTypes?: readonly string[];
}

export interface FakeEngine {
  /** http://127.0.0.1:<port>/api/v1/events */
  url: string;
  /** Every request's target, in order. */
  requests: string[];
  /** Subscribers connected now. */
  subscribers(): number;
  /** Resolves when `n` subscribers are connected. */
  waitForSubscribers(n: number): Promise<void>;
  /** Publishes one event (its JSON text) to every subscriber. */
  publish(json: string): void;
  /** Ends every stream (as a restart would), keeping the server up. */
  dropConnections(): void;
  close(): Promise<void>;
}

interface Subscriber {
  res: ServerResponse;
  types: Set<string> | undefined;
  runId: string | undefined;
  /** Events received from the channel, not yet written: at most the channel's capacity. */
  pending: { type: string; runId: string | undefined; json: string }[];
  lastWrite: number;
}

export async function startFakeEngine(options: FakeEngineOptions = {}): Promise<FakeEngine> {
  const keepAliveMs = options.keepAliveMs ?? 30_000;
  const eventTypes = options.eventTypes ?? EVENT_TYPES;
  const requests: string[] = [];
  const subscribers = new Set<Subscriber>();
  const waiters: (() => void)[] = [];

  const server = createServer((req, res) => {
    requests.push(req.url ?? "");
    const target = req.url ?? "";
    const q = target.indexOf("?");
    const path = q === -1 ? target : target.slice(0, q);
    if (path !== "/api/v1/events") return void res.writeHead(404).end();
    if (req.method !== "GET") return void res.writeHead(405, { allow: "GET,HEAD" }).end();
    if (options.token !== undefined && !authorized(req, options.token))
      return void res
        .writeHead(401, { "content-type": "application/json" })
        .end(JSON.stringify({ error: "unauthorized" }));
    const query = readQuery(q === -1 ? "" : target.slice(q + 1), eventTypes);
    if ("rejection" in query)
      return void res
        .writeHead(400, { "content-type": "text/plain; charset=utf-8" })
        .end(`Failed to deserialize query string: ${query.rejection}`);
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    res.flushHeaders();
    const subscriber: Subscriber = { res, ...query, pending: [], lastWrite: Date.now() };
    subscribers.add(subscriber);
    res.on("drain", () => flush(subscriber));
    res.on("close", () => subscribers.delete(subscriber));
    for (const wake of waiters.splice(0)) wake();
  });
  const keepAlive = setInterval(
    () => {
      for (const subscriber of subscribers)
        if (Date.now() - subscriber.lastWrite >= keepAliveMs && !subscriber.res.writableNeedDrain) {
          subscriber.res.write(":\n\n");
          subscriber.lastWrite = Date.now();
        }
    },
    Math.max(5, keepAliveMs / 10),
  );

  function flush(subscriber: Subscriber): void {
    while (subscriber.pending.length > 0 && !subscriber.res.writableNeedDrain) {
      const event = subscriber.pending.shift()!;
      const wanted =
        (subscriber.types === undefined || subscriber.types.has(event.type)) &&
        (subscriber.runId === undefined || event.runId === subscriber.runId);
      if (!wanted) continue;
      subscriber.res.write(`event: ${event.type}\ndata: ${event.json}\n\n`);
      subscriber.lastWrite = Date.now();
    }
  }

  const local = await listenLocally(server);
  const url = `${local.origin}/api/v1/events`;
  return {
    url,
    requests,
    subscribers: () => subscribers.size,
    waitForSubscribers: (n) =>
      new Promise<void>((resolve) => {
        const check = () => (subscribers.size >= n ? resolve() : waiters.push(check));
        check();
      }),
    publish(json) {
      const value = JSON.parse(json) as { type: string; run_id?: string };
      const event = { type: value.type, runId: value.run_id?.toLowerCase(), json };
      for (const subscriber of subscribers) {
        subscriber.pending.push(event);
        // Lagged: the channel keeps the newest 256; the oldest are gone for this subscriber.
        if (subscriber.pending.length > FAKE_CHANNEL_CAPACITY) subscriber.pending.shift();
        flush(subscriber);
      }
    },
    dropConnections() {
      for (const subscriber of subscribers) subscriber.res.destroy();
      subscribers.clear();
    },
    close: () => {
      clearInterval(keepAlive);
      return local.close();
    },
  };
}

function authorized(req: IncomingMessage, token: string): boolean {
  if (req.headers.authorization === `Bearer ${token}`) return true;
  return (req.headers.cookie ?? "").split(";").some((pair) => pair.trim() === `ironflow_token=${token}`);
}

/** The query as axum's Query<…> over serde_html_form reads { types: Option<String>, run_id: Option<Uuid> }. */
function readQuery(
  query: string,
  eventTypes: readonly string[],
): { types: Set<string> | undefined; runId: string | undefined } | { rejection: string } {
  const seen = new Map<string, string[]>();
  for (const [key, value] of new URLSearchParams(query)) seen.set(key, [...(seen.get(key) ?? []), value]);
  let types: Set<string> | undefined;
  let runId: string | undefined;
  for (const [key, values] of seen) {
    if (key !== "types" && key !== "run_id") continue;
    if (values.length > 1) return { rejection: `${key}: unsupported value` };
    if (key === "types") {
      const names = values[0]!
        .split(",")
        // Rust's trim: Unicode White_Space, which is JavaScript's \s with U+0085 and without U+FEFF.
        .map((name) => name.replace(/^(?:[^\S\ufeff]|\u0085)+|(?:[^\S\ufeff]|\u0085)+$/g, ""))
        .filter((name) => name.length > 0);
      for (const name of names)
        if (!eventTypes.includes(name))
          return {
            rejection: `types: unknown variant \`${name}\`, expected ${
              eventTypes.length === 2
                ? `\`${eventTypes[0]}\` or \`${eventTypes[1]}\``
                : `one of ${eventTypes.map((t) => `\`${t}\``).join(", ")}`
            }`,
          };
      types = new Set(names);
    } else {
      const parsed = uuidCrateParse(values[0]!);
      if (parsed.startsWith("UUID parsing failed")) return { rejection: `run_id: ${parsed}` };
      runId = parsed;
    }
  }
  return { types, runId };
}

/** uuid 1.23.1's parse_str: the hyphenated lower-case UUID, or "UUID parsing failed: <its reason>". */
function uuidCrateParse(input: string): string {
  const fail = (reason: string) => `UUID parsing failed: ${reason}`;
  const bytes = new TextEncoder().encode(input);
  const n = bytes.length;
  let inner: string | undefined;
  if (n === 32) inner = input;
  else if (n === 36) inner = input;
  else if (n === 38 && input[0] === "{" && input[37] === "}") inner = input.slice(1, 37);
  else if (n === 45 && input.startsWith("urn:uuid:")) inner = input.slice(9);
  if (inner !== undefined) {
    const ok =
      n === 32 ? /^[0-9a-fA-F]{32}$/.test(inner) : /^[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}$/.test(inner);
    if (ok) {
      const hex = inner.replace(/-/g, "").toLowerCase();
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    }
  }
  // InvalidUuid::into_err
  let body = input;
  let offset = 0;
  let simple = true;
  if (n >= 2 && input.startsWith("{") && input.endsWith("}")) [body, offset, simple] = [input.slice(1, -1), 1, false];
  else if (input.startsWith("urn:uuid:")) [body, offset, simple] = [input.slice(9), 9, false];
  const hyphenAt: number[] = [];
  let position = 0;
  for (const ch of body) {
    if (ch === "-") hyphenAt.push(position);
    else if (!/^[0-9a-fA-F]$/.test(ch)) return fail(`invalid character: found \`${ch}\` at ${position + offset + 1}`);
    position += new TextEncoder().encode(ch).length;
  }
  if (hyphenAt.length === 0 && simple) return fail(`invalid length: expected length 32 for simple format, found ${n}`);
  if (hyphenAt.length !== 4) return fail(`invalid group count: expected 5, found ${hyphenAt.length + 1}`);
  const starts = [0, 9, 14, 19, 24];
  const lengths = [8, 4, 4, 4, 12];
  for (let g = 0; g < 4; g++)
    if (hyphenAt[g] !== starts[g + 1]! - 1)
      return fail(`invalid group length in group ${g}: expected ${lengths[g]}, found ${hyphenAt[g]! - starts[g]!}`);
  return fail(`invalid group length in group 4: expected 12, found ${n - 24}`);
}
