// Compiling TypeScript inside tests (the exports' TSDoc, a consumer of a generated variant, the
// documentation's examples): one set of compiler options for a strict ESM consumer, and the
// diagnostics of one file as plain messages.
import ts from "typescript";

/** A strict consumer on Node's ESM resolution, checking only what it is given (no @types). */
export const STRICT_ESM_CONSUMER: ts.CompilerOptions = {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  strict: true,
  noEmit: true,
  skipLibCheck: true,
  types: [],
};

/** The messages TypeScript gives for `file` alone (errors in what it imports are left out). */
export function diagnosticMessages(program: ts.Program, file: string): string[] {
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(file))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}
