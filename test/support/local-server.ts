// A server of the tests on 127.0.0.1, on a port the system picks. Its close also ends kept-alive
// connections: server.close() alone waits for them, and a test's fetch keeps them open.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface LocalServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  close(): Promise<void>;
}

/** Starts `server` listening on a free port of 127.0.0.1. */
export async function listenLocally(server: Server): Promise<LocalServer> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port free on 127.0.0.1 a moment ago, for a process that must be told its port before it starts. */
export async function freePort(): Promise<number> {
  const probe = await listenLocally(createServer());
  await probe.close();
  return Number(new URL(probe.origin).port);
}
