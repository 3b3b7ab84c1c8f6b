// Loaded into every test file by vitest.config.ts: a turn of the event loop before each test, so
// that a file of synchronous tests is not one long blocked stretch (event-loop.ts says why).
import { beforeEach } from "vitest";
import { turn } from "./event-loop.js";

beforeEach(turn);
