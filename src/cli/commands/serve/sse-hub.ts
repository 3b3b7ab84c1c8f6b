// The HTTP side of `serve`: GET /api/v1/events as server-sent events, written as the engine
// writes them (`event: <type>`, `data: <event JSON>`, a blank line; a `:` comment as
// keep-alive; no `id:`), to every connected client whose query lets the event through.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { passes, readStreamFilter, type StreamFilter } from "./stream-filter.js";

/**
 * The path of the engine's event stream.
 * @example
 * const url = `http://127.0.0.1:${port}${EVENTS_PATH}`;
 */
const EVENTS_PATH = "/api/v1/events";

/** axum's keep-alive: an empty comment. */
const KEEP_ALIVE = ":\n\n";

/**
 * One event to stream: its type, run and JSON text (one line).
 * @example
 * const played: PlayedEvent = { type: "run_created", runId: "0190…", text: '{"type":"run_created",…}' };
 */
export interface PlayedEvent {
  type: string;
  runId: string | undefined;
  text: string;
}

interface Client {
  res: ServerResponse;
  filter: StreamFilter;
}

/**
 * The event stream's server: `broadcast` writes an event to every client it passes.
 * @example
 * const hub = await SseHub.listen({ host: "127.0.0.1", port: 0, keepAliveMs: 30_000, onFirstClient: start });
 * hub.broadcast({ type: "run_created", runId, text });
 */
export class SseHub {
  private readonly clients = new Set<Client>();
  private readonly keepAlive: NodeJS.Timeout;
  private firstClientSeen = false;

  private constructor(
    private readonly server: Server,
    keepAliveMs: number,
    private readonly onFirstClient: () => void,
  ) {
    this.keepAlive = setInterval(() => {
      for (const client of this.clients) client.res.write(KEEP_ALIVE);
    }, keepAliveMs);
    server.on("request", (req, res) => this.handle(req, res));
  }

  /** Starts listening; rejects with the server's error (a port in use, a host not found). */
  static listen(options: {
    host: string;
    port: number;
    keepAliveMs: number;
    onFirstClient: () => void;
  }): Promise<SseHub> {
    const server = createServer();
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port, options.host, () => {
        server.off("error", reject);
        resolve(new SseHub(server, options.keepAliveMs, options.onFirstClient));
      });
    });
  }

  /** The stream's URL: http://<host>:<port>/api/v1/events. */
  url(host: string): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://${host.includes(":") ? `[${host}]` : host}:${port}${EVENTS_PATH}`;
  }

  broadcast(event: PlayedEvent): void {
    const frame = `event: ${event.type}\ndata: ${event.text}\n\n`;
    for (const client of this.clients) if (passes(client.filter, event.type, event.runId)) client.res.write(frame);
  }

  /** Ends every stream and stops listening. */
  close(): Promise<void> {
    clearInterval(this.keepAlive);
    for (const client of this.clients) client.res.end();
    this.clients.clear();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== EVENTS_PATH) return plain(res, 404, `not found: the event stream is GET ${EVENTS_PATH}\n`);
    if (req.method !== "GET") return plain(res, 405, "method not allowed: use GET\n", { allow: "GET" });
    const filter = readStreamFilter(url.searchParams);
    if ("error" in filter) return plain(res, 400, filter.error);
    res.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-cache",
      // A dashboard on another local port reads it with EventSource.
      "access-control-allow-origin": "*",
    });
    res.flushHeaders();
    const client = { res, filter };
    this.clients.add(client);
    res.on("close", () => this.clients.delete(client));
    if (!this.firstClientSeen) {
      this.firstClientSeen = true;
      this.onFirstClient();
    }
  }
}

function plain(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", ...headers });
  res.end(text);
}
