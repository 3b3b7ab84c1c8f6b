// The check as a Worker, for workerd: a request to it names the test server's origin (?origin=),
// and it answers with the report.
import * as api from "ironflow-events";
import { runChecks } from "./check.mjs";

export default {
  async fetch(request) {
    const origin = new URL(request.url).searchParams.get("origin");
    try {
      return Response.json(await runChecks(api, origin));
    } catch (error) {
      return Response.json({ failed: String(error?.stack ?? error) }, { status: 500 });
    }
  },
};
