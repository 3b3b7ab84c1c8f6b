// ANSI colours for the text report: only on a terminal, and never when NO_COLOR is set
// (https://no-color.org: any non-empty value).

/**
 * Styles for the text report; each returns its argument unchanged when colour is off.
 * @example
 * const c: Colours = colours(true, {});
 * c.red("3 invalid"); // "\x1b[31m3 invalid\x1b[39m"
 */
export interface Colours {
  bold(s: string): string;
  dim(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  cyan(s: string): string;
}

const style =
  (open: number, close: number) =>
  (s: string): string =>
    `\x1b[${open}m${s}\x1b[${close}m`;

const ON: Colours = {
  bold: style(1, 22),
  dim: style(2, 22),
  red: style(31, 39),
  yellow: style(33, 39),
  green: style(32, 39),
  cyan: style(36, 39),
};

const same = (s: string) => s;
const OFF: Colours = { bold: same, dim: same, red: same, yellow: same, green: same, cyan: same };

/**
 * The colours to use for a stream: real ones on a TTY without NO_COLOR, plain text otherwise.
 */
export function colours(isTTY: boolean, env: NodeJS.ProcessEnv): Colours {
  const noColor = env.NO_COLOR !== undefined && env.NO_COLOR !== "";
  return isTTY && !noColor ? ON : OFF;
}
