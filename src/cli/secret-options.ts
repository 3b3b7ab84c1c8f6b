// Secrets on the command line without putting them on the command line: a webhook secret or an
// API token is read from an environment variable or a file (`--secret-file`, `--token-file`),
// and a value given as `--secret <s>` is still taken but visible to anyone who runs `ps`. The
// same rows and the same reading for send, serve and listen.
import { closeSync, openSync, readSync } from "node:fs";
import { option, UsageError } from "./arguments.js";
import { describeIoError } from "./input/sources.js";

/** The environment variable of the webhook secret (send, serve --webhook, listen). */
export const WEBHOOK_SECRET_ENV = "IRONFLOW_WEBHOOK_SECRET";
/** The environment variable of the token `listen` sends to the engine. */
export const ENGINE_TOKEN_ENV = "IRONFLOW_TOKEN";
/** The environment variable of the token `serve` asks of its clients. */
export const SERVE_TOKEN_ENV = "IRONFLOW_SERVE_TOKEN";

/** A secret file larger than this is not a secret file: refused rather than read whole (`/dev/zero`). */
const MAX_SECRET_FILE = 64 * 1024;

/**
 * A secret as the command line gave it: its value (`--secret <s>`) or the text of its file
 * (`--secret-file <path>`), each undefined when not given. `resolveSecret` adds the environment.
 * @example
 * const given: GivenSecret = { value: undefined, fromFile: "s3cret" };
 */
export interface GivenSecret {
  value: string | undefined;
  fromFile: string | undefined;
}

/**
 * The two rows of a secret: `--<flag> <value>` and `--<flag>-file <path>`, setting `<key>` and
 * `<key>File`. The file is read when the command line is, its one final line end dropped.
 * @example
 * const [secret, secretFile] = secretOptions({ flag: "secret", key: "secret", env: WEBHOOK_SECRET_ENV, what: "sign each request" });
 */
export function secretOptions<K extends string>(spec: { flag: string; key: K; env: string; what: string }) {
  return [
    option({
      flag: spec.flag,
      key: spec.key,
      value: `<${spec.flag}>`,
      help: [spec.what, `(visible to anyone who runs ps: prefer --${spec.flag}-file or ${spec.env})`],
      read: (given) => {
        if (given === undefined) return undefined;
        const text = String(given);
        if (text === "") throw new UsageError(`--${spec.flag} is empty; leave it out to go without`);
        return text;
      },
    }),
    option({
      flag: `${spec.flag}-file`,
      key: `${spec.key}File` as `${K}File`,
      value: "<path>",
      help: [`the same, read from a file (its final line end dropped); else ${spec.env}`],
      read: (given) => (given === undefined ? undefined : readSecretFile(`--${spec.flag}-file`, String(given))),
    }),
  ] as const;
}

/**
 * The secret to use: the flag's value, or the file's, or the environment variable's; undefined
 * when none is given. Throws UsageError for both flags at once, or an environment variable
 * that is set but empty (a mistake more likely than a wish to go without).
 * @example
 * const secret = resolveSecret("secret", WEBHOOK_SECRET_ENV, { value: options.secret, fromFile: options.secretFile }, io.env);
 */
export function resolveSecret(
  flag: string,
  envName: string,
  given: GivenSecret,
  env: NodeJS.ProcessEnv,
): string | undefined {
  if (given.value !== undefined && given.fromFile !== undefined)
    throw new UsageError(`--${flag} and --${flag}-file exclude each other: give one`);
  const secret = given.value ?? given.fromFile ?? env[envName];
  if (secret === "") throw new UsageError(`${envName} is set but empty; unset it to go without`);
  return secret;
}

/** The text of a secret file, without its final line end; a UsageError naming it when it cannot be one. */
function readSecretFile(flag: string, path: string): string {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    throw new UsageError(`${flag} ${path}: ${describeIoError(error)}`);
  }
  try {
    const buffer = Buffer.alloc(MAX_SECRET_FILE + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > MAX_SECRET_FILE)
        throw new UsageError(`${flag} ${path}: over ${MAX_SECRET_FILE / 1024} KiB, which is no secret file`);
    }
    const text = buffer.toString("utf8", 0, length).replace(/\r?\n$/, "");
    if (text === "") throw new UsageError(`${flag} ${path}: the file is empty`);
    return text;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${flag} ${path}: ${describeIoError(error)}`);
  } finally {
    closeSync(fd);
  }
}
