// Part of step 5: small rewrites of Ajv's standalone code, each for one cost on the success
// path that no Ajv option removes. Each one checks that the code has the shape it rewrites
// and that nothing of the old shape is left, so that an Ajv upgrade that changes its output
// stops the generator instead of producing half-rewritten code.

/** Ajv's signature: the second parameter is an options object, destructured with a `{}` default. */
const AJV_SIGNATURE =
  /function (validate\d+)\(data, \{instancePath="", parentData, parentDataProperty, rootData=data\}=\{\}\)\{/g;
/** Ajv's call of another validator at the same data: a fresh options object per call. */
const AJV_CALL = /\b(validate\d+)\(data, \{instancePath,parentData,parentDataProperty,rootData\}\)/g;

/**
 * Gives every validator the signature `(data, instancePath = "")`. Ajv passes an object of
 * four fields to each validator it calls, and each validator destructures it with a `{}`
 * default: an object allocated per call (two per event when the union calls a variant).
 * These validators read only `instancePath` (for error paths), so it becomes a plain
 * parameter. Refuses code that calls a validator any other way, or reads the other fields.
 * @example
 * plainParameters('function validate1(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){return true;}');
 * // 'function validate1(data, instancePath = ""){return true;}'
 */
export function plainParameters(code: string): string {
  const functions = count(code, /\bfunction validate\d+\(/g);
  const signatures = count(code, AJV_SIGNATURE);
  if (signatures !== functions)
    throw new Error(
      `plainParameters: ${functions - signatures} of ${functions} validators do not have Ajv's usual signature`,
    );
  const out = code
    .replace(AJV_SIGNATURE, 'function $1(data, instancePath = ""){')
    .replace(AJV_CALL, "$1(data, instancePath)");
  const left = /\b(parentData|parentDataProperty|rootData)\b/.exec(out);
  if (left)
    throw new Error(
      `plainParameters: the validators still use \`${left[1]}\` (a call at another path, or a keyword that reads it); extend this step for it`,
    );
  return out;
}

/** Ajv's test for `type: "integer"` under strictNumbers, as it writes it. */
const AJV_INTEGER = /\(\(typeof (data\d*) == "number"\) && \(!\(\1 % 1\) && !isNaN\(\1\)\)\) && \(isFinite\(\1\)\)/g;

/**
 * `Number.isInteger(x)` for Ajv's integer test `typeof x == "number" && !(x % 1) &&
 * !isNaN(x) && isFinite(x)`, which means the same for every value: `x % 1` of a double is a
 * call into C (fmod) in V8's optimized code, and durations above 2^31 are doubles. Refuses
 * code with an integer test in any other spelling.
 * @example
 * integerTests('if(!(((typeof data == "number") && (!(data % 1) && !isNaN(data))) && (isFinite(data)))){');
 * // 'if(!(Number.isInteger(data))){'
 */
export function integerTests(code: string): string {
  const out = code.replace(AJV_INTEGER, "Number.isInteger($1)");
  if (/ % 1\b/.test(out)) throw new Error("integerTests: an integer test of another shape is left in the validators");
  return out;
}

/**
 * The discriminator's comparisons `tag0 === "run_created"`, each guarded by the length of
 * the wire type: `(tag0.length === 11 && tag0 === "run_created")`. The tag comes from
 * JSON.parse, which does not intern string values, so each comparison is a call that
 * compares characters; most variants' types differ in length, and comparing lengths is
 * one instruction. Refuses code whose union does not compare the tag this way once per variant.
 * @example
 * guardTagComparisons('if(tag0 === "log_line"){', 1); // 'if((tag0.length === 8 && tag0 === "log_line")){'
 */
export function guardTagComparisons(code: string, comparisons: number): string {
  let count = 0;
  const out = code.replace(/\btag0 === ("[a-z0-9_]+")/g, (_, literal: string) => {
    count++;
    return `(tag0.length === ${(JSON.parse(literal) as string).length} && tag0 === ${literal})`;
  });
  if (count !== comparisons)
    throw new Error(`guardTagComparisons: found ${count} comparisons of the tag, expected ${comparisons}`);
  return out;
}

/**
 * The per-variant validators as the variant functions that the union already holds, instead
 * of compiling each variant a second time: `export const validateRunCreated = validate11;`
 * for each variant, found from the union's dispatch on `type`. Refuses a union that does not
 * dispatch to exactly one function per variant.
 * @example
 * variantExports(code, "validateEvent", [{ tag: "run_created", name: "validateRunCreated" }]);
 * // ['export const validateRunCreated = validate11;']
 */
export function variantExports(
  code: string,
  unionExport: string,
  variants: readonly { tag: string; name: string }[],
): string[] {
  const root = new RegExp(`export const ${unionExport} = (validate\\d+);`).exec(code)?.[1];
  if (!root) throw new Error(`variantExports: no \`export const ${unionExport} = validate…;\` in the code`);
  const body = functionBody(code, root);
  const dispatch = new Map<string, string>();
  for (const match of body.matchAll(/tag0 === "([^"]+)"\)\)?\{\s*if\(!\(\(?(validate\d+)\(data, instancePath\)/g)) {
    if (dispatch.has(match[1]!)) throw new Error(`variantExports: ${unionExport} dispatches "${match[1]}" twice`);
    dispatch.set(match[1]!, match[2]!);
  }
  const lines = variants.map(({ tag, name }) => {
    const fn = dispatch.get(tag);
    if (!fn) throw new Error(`variantExports: ${unionExport} does not dispatch "${tag}" to a validator of its own`);
    return `export const ${name} = ${fn};`;
  });
  if (dispatch.size !== variants.length)
    throw new Error(`variantExports: ${unionExport} dispatches ${dispatch.size} tags, expected ${variants.length}`);
  return lines;
}

/** The text of `function name(…){…}`, up to the next top-level function or export. */
function functionBody(code: string, name: string): string {
  const start = code.indexOf(`function ${name}(`);
  if (start === -1) throw new Error(`no function ${name} in the generated code`);
  const rest = code.slice(start + 1);
  const end = rest.search(/\n(function |export )/);
  return end === -1 ? rest : rest.slice(0, end);
}

function count(code: string, pattern: RegExp): number {
  return [...code.matchAll(pattern)].length;
}
