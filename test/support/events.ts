// Valid events for the tests, as the newest engine (2.52) writes them, every field present;
// each test copies what it changes.

export const RUN_CREATED = {
  type: "run_created",
  run_id: "0190f3a2-6c1e-7d3b-9a4f-2b8c1d0e5f67",
  workflow_name: "deploy",
  at: "2026-11-25T22:24:21.123Z",
};

export const RUN_FAILED = {
  type: "run_failed",
  run_id: "0190f3a2-6c1e-7d3b-9a4f-2b8c1d0e5f67",
  workflow_name: "deploy",
  error: "step crashed",
  cost_usd: 0.42,
  duration_ms: 5000,
  labels: {},
  at: "2026-11-25T22:24:21.123456789Z",
};

export const LOG_LINE = {
  type: "log_line",
  id: "0190f3a2-6c1f-7000-8000-00000000f001",
  run_id: "0190f3a2-6c1e-7d3b-9a4f-2b8c1d0e5f67",
  step_id: "0190f3a2-6c1f-7000-8000-000000000001",
  step_name: "build",
  stream: "stdout",
  line: "Compiling ironflow v0.1.0",
  at: "2026-11-25T22:24:21Z",
};

export const USER_SIGNED_OUT = {
  type: "user_signed_out",
  user_id: "460a7a4d-ab36-70a1-98a2-709815e295fd",
  at: "2054-04-07T21:24:08.379Z",
};

/** A legal move (running -> completed) unless `from`/`to` say otherwise. */
export function statusChanged(from = "running", to = "completed"): Record<string, unknown> {
  return {
    type: "run_status_changed",
    run_id: "0190f3a2-6c1e-7d3b-9a4f-2b8c1d0e5f67",
    workflow_name: "deploy",
    from,
    to,
    error: null,
    cost_usd: 1.5,
    duration_ms: 60000,
    labels: {},
    at: "2026-11-25T22:25:00Z",
  };
}
