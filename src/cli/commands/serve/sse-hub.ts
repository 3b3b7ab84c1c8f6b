// The HTTP side of `serve`: GET /api/v1/events answered as the engine answers it. In order: a
// CORS preflight (any path); 404 off the stream's path; 405 for a method other than GET (HEAD
// gets the headers alone); with --token, 401 without it; 400 for a query the engine refuses;
// then the stream (broadcast.ts). Nothing a client sends can stop the server: the request
// target is read without URL parsing that throws, a malformed request is answered 400 by
// Node's parser (clientError), and a request with a body that is refused closes its
// connection instead of reading the body to its end.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { tokenCheck, UNAUTHORIZED_BODY } from "./auth.js";
import { Broadcast, type Frame, type LagReport } from "./broadcast.js";
import { answerPreflight, corsHeaders } from "./cors.js";
import { readStreamFilter } from "./stream-filter.js";

/**
 * The path of the engine's event stream.
 * @example
 * const url = `http://127.0.0.1:${port}${EVENTS_PATH}`;
 */
export const EVENTS_PATH = "/api/v1/events";

/** What Node's parser could not read gets an answer (as Node's own default, and hyper, give) and the connection is closed. */
function parseErrorAnswer(code: string | undefined): string {
  const status =
    code === "HPE_HEADER_OVERFLOW"
      ? "431 Request Header Fields Too Large"
      : code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? "408 Request Timeout"
        : "400 Bad Request";
  return `HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`;
}

/**
 * How the hub serves.
 * @example
 * const options: HubOptions = { host: "127.0.0.1", port: 0, keepAliveMs: 30_000, token: undefined, knownTypes: EVENT_TYPES, onFirstClient, onLag };
 */
export interface HubOptions {
  host: string;
  port: number;
  keepAliveMs: number;
  /** With a token, every stream request must carry it. */
  token: string | undefined;
  /** The event types of the engine version served: ?types= may name these only. */
  knownTypes: readonly string[];
  onFirstClient: () => void;
  onLag: LagReport;
}

/**
 * The event stream's server: `broadcast` hands an event to every client it passes.
 * @example
 * const hub = await SseHub.listen(options);
 * hub.broadcast({ type: "run_created", runId, text: json });
 */
export class SseHub {
  private readonly channel: Broadcast;
  private readonly allowed: ((req: IncomingMessage) => boolean) | undefined;
  private firstClientSeen = false;

  private constructor(
    private readonly server: Server,
    private readonly options: HubOptions,
  ) {
    this.channel = new Broadcast(options.keepAliveMs, options.onLag);
    this.allowed = options.token === undefined ? undefined : tokenCheck(options.token);
    server.on("request", (req: IncomingMessage, res: ServerResponse) => {
      try {
        this.handle(req, res);
      } catch {
        // A bug here must cost one request, not the server.
        if (!res.headersSent) res.writeHead(500, { connection: "close" }).end();
        else res.destroy();
      }
    });
    server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
      if (error.code !== "ECONNRESET" && socket.writable && !socket.writableEnded)
        socket.end(parseErrorAnswer(error.code));
      else socket.destroy();
    });
  }

  /** Starts listening; rejects with the server's error (a port in use, a host not found). */
  static listen(options: HubOptions): Promise<SseHub> {
    const server = createServer();
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port, options.host, () => {
        server.off("error", reject);
        resolve(new SseHub(server, options));
      });
    });
  }

  /** The stream's URL: http://<host>:<port>/api/v1/events. */
  url(host: string): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://${host.includes(":") ? `[${host}]` : host}:${port}${EVENTS_PATH}`;
  }

  /** Streams an event, its JSON text on one line, to every client whose query lets it through. */
  broadcast(event: { type: string; runId: string | undefined; text: string }): void {
    const frame: Frame = {
      type: event.type,
      runId: event.runId,
      text: `event: ${event.type}\ndata: ${event.text}\n\n`,
    };
    this.channel.publish(frame);
  }

  /** Ends every stream and stops listening. */
  close(): Promise<void> {
    this.channel.close();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    if (answerPreflight(req, res)) return;
    const { path, query } = splitTarget(req.url ?? "");
    const cors = corsHeaders(req);
    if (path !== EVENTS_PATH) return refuse(req, res, 404, `not found: the event stream is GET ${EVENTS_PATH}\n`, cors);
    if (req.method !== "GET" && req.method !== "HEAD") return refuse(req, res, 405, "", { ...cors, allow: "GET,HEAD" });
    if (this.allowed !== undefined && !this.allowed(req))
      return refuse(req, res, 401, UNAUTHORIZED_BODY, { ...cors, "content-type": "application/json" });
    const filter = readStreamFilter(query, this.options.knownTypes);
    if ("error" in filter) return refuse(req, res, 400, filter.error, cors);
    res.writeHead(200, { ...cors, "content-type": "text/event-stream", "cache-control": "no-cache" });
    if (req.method === "HEAD") return void res.end();
    res.flushHeaders();
    this.channel.subscribe(res, filter, `${req.socket.remoteAddress ?? "?"}:${req.socket.remotePort ?? "?"}`);
    if (!this.firstClientSeen) {
      this.firstClientSeen = true;
      this.options.onFirstClient();
    }
  }
}

/**
 * The path and query of a request target, as the router sees them: origin form
 * (`/api/v1/events?types=a`) or absolute form (`http://host/api/v1/events`); anything else is a
 * path that matches nothing. Never throws (`new URL("//", base)` does).
 */
function splitTarget(target: string): { path: string; query: string } {
  let rest = target;
  if (!rest.startsWith("/")) {
    // Absolute form: the path starts at the first "/", "?" or "#" after the authority.
    const scheme = rest.indexOf("://");
    if (scheme !== -1 && /^https?$/i.test(rest.slice(0, scheme))) {
      let i = scheme + 3;
      while (i < rest.length && rest[i] !== "/" && rest[i] !== "?" && rest[i] !== "#") i++;
      rest = rest[i] === "/" ? rest.slice(i) : `/${rest.slice(i)}`;
    }
  }
  const question = rest.indexOf("?");
  return question === -1
    ? { path: rest, query: "" }
    : { path: rest.slice(0, question), query: rest.slice(question + 1) };
}

/** Answers with `status` and a plain text (or given) body; closes a connection whose request has a body we will not read. */
function refuse(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string>,
): void {
  const hasBody = req.headers["transfer-encoding"] !== undefined || (req.headers["content-length"] ?? "0") !== "0";
  res.writeHead(status, {
    "content-type": "text/plain; charset=utf-8",
    ...headers,
    ...(hasBody ? { connection: "close" } : {}),
  });
  res.end(body);
}
