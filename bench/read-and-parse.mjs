// The benchmark's baseline (bench/cli.ts): reads an NDJSON file line by line and
// JSON.parses each line, nothing else. It streams as the CLI does (1 MiB reads into a
// reused buffer, lines found with Buffer#indexOf, decoded as UTF-8), so the difference
// between the two is the validation and the reporting.
// Usage: node bench/read-and-parse.mjs <file.ndjson>  -> prints the number of events.
import { openSync, readSync, closeSync } from "node:fs";

const CHUNK = 1024 * 1024;
const fd = openSync(process.argv[2], "r");
const buffer = Buffer.allocUnsafe(CHUNK);
let carry = null;
let events = 0;
const parse = (text) => {
  if (text.length > 0) {
    JSON.parse(text);
    events++;
  }
};
for (;;) {
  const n = readSync(fd, buffer, 0, CHUNK, null);
  if (n === 0) break;
  let pos = 0;
  for (;;) {
    const nl = buffer.indexOf(10, pos);
    if (nl === -1 || nl >= n) break;
    if (carry === null) parse(buffer.toString("utf8", pos, nl));
    else {
      parse(Buffer.concat([carry, buffer.subarray(pos, nl)]).toString("utf8"));
      carry = null;
    }
    pos = nl + 1;
  }
  if (pos < n)
    carry = carry === null ? Buffer.from(buffer.subarray(pos, n)) : Buffer.concat([carry, buffer.subarray(pos, n)]);
}
if (carry !== null) parse(carry.toString("utf8"));
closeSync(fd);
console.log(events);
