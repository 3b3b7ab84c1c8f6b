// Real consumers of Standard Schema taking ours as they take zod's: Hono's validator middleware
// (@hono/standard-validator) and a tRPC procedure's input.
import { sValidator } from "@hono/standard-validator";
import { initTRPC, TRPCError } from "@trpc/server";
import { Hono } from "hono";
import { describe, expect, expectTypeOf, it } from "vitest";
import type { Event, RunFailed } from "../../src/index.js";
import { eventSchema, eventSchemas } from "../../src/standard/index.js";
import { WIRE_RUN_FAILED } from "../support/sample-events.js";

const RUN_FAILED = WIRE_RUN_FAILED;

describe("Hono with @hono/standard-validator", () => {
  const app = new Hono().post("/events", sValidator("json", eventSchema), (c) => {
    const event = c.req.valid("json");
    expectTypeOf(event).toEqualTypeOf<Event>();
    return c.json({ type: event.type, error: event.type === "run_failed" ? event.error : "n/a" });
  });
  const post = (body: unknown) =>
    app.request("/events", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });

  it("hands the handler the parsed, typed event", async () => {
    const response = await post(RUN_FAILED);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ type: "run_failed", error: null }); // error filled in
  });

  it("answers an invalid event with 400 and our issues", async () => {
    const response = await post({ ...RUN_FAILED, duration_ms: -1, "a/b": "\ud800" });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { success: boolean; error: unknown[] };
    expect(body.success).toBe(false);
    expect(body.error).toEqual([
      { path: ["a/b"], code: "invalid_unicode", message: expect.stringContaining("lone surrogate") },
      { path: ["duration_ms"], code: "range", message: expect.stringContaining("18446744073709551615, got -1") },
    ]);
  });
});

describe("tRPC procedure input", () => {
  const t = initTRPC.create();
  const router = t.router({
    onFailure: t.procedure.input(eventSchemas.run_failed).mutation(({ input }) => {
      expectTypeOf(input).toEqualTypeOf<RunFailed>();
      return `${input.workflow_name}: ${input.error ?? "no reason given"}`;
    }),
  });
  const caller = t.createCallerFactory(router)({});

  it("takes the wire shape and gives the procedure a RunFailed", async () => {
    expect(await caller.onFailure(RUN_FAILED)).toBe("deploy: no reason given");
    expect(await caller.onFailure({ ...RUN_FAILED, error: "exit 1" })).toBe("deploy: exit 1");
  });

  it("refuses another type or a bad field with BAD_REQUEST, our issues as the cause", async () => {
    const refused = await caller.onFailure({ ...RUN_FAILED, type: "run_created" } as never).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).code).toBe("BAD_REQUEST");
    expect(((refused as TRPCError).cause as unknown as { issues: unknown[] }).issues).toEqual([
      {
        path: ["type"],
        code: "type",
        message: 'must be "run_failed" (this schema takes run_failed events only), got "run_created"',
      },
    ]);
    // @ts-expect-error: the input type is the wire shape of run_failed, and cost_usd is a number
    const wrong = caller.onFailure({ ...RUN_FAILED, cost_usd: "0.42" });
    await expect(wrong).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
