// The exports of a module as its users see them, each with whether its TSDoc has text and an
// @example: for the tests that hold every public entry point to its documentation.
import ts from "typescript";
import { STRICT_ESM_CONSUMER } from "./typescript.js";

export interface Export {
  name: string;
  /** One entry per declaration (a name can be a type and a value): does its TSDoc have text and an @example? */
  docs: { kind: string; text: boolean; example: boolean }[];
}

/**
 * Every export of `entry` (a .ts file), by name, with the TSDoc of each of its declarations;
 * but not one marked `@internal`, which the declarations leave out (stripInternal, tsup.config.ts).
 */
export function moduleExports(entry: string): Export[] {
  const program = ts.createProgram([entry], STRICT_ESM_CONSUMER);
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  return checker
    .getExportsOfModule(module)
    .filter((exported) => !isInternal(exported))
    .map((exported) => {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      return {
        name: exported.name,
        docs: (symbol.declarations ?? []).map((declaration) => {
          const docs = ts.getJSDocCommentsAndTags(declaration).filter(ts.isJSDoc);
          return {
            kind: ts.SyntaxKind[declaration.kind],
            text: docs.some((doc) => typeof doc.comment === "string" && doc.comment.trim().length > 0),
            example: ts.getJSDocTags(declaration).some((tag) => tag.tagName.text === "example"),
          };
        }),
      };
    });
}

/** Marked `@internal` where it is exported (`/** @internal *\/ export { x } from "./x.js"`) or declared. */
function isInternal(exported: ts.Symbol): boolean {
  return (exported.declarations ?? []).some((declaration) => {
    const statement = ts.isExportSpecifier(declaration) ? declaration.parent.parent : declaration;
    return ts.getJSDocTags(statement).some((tag) => tag.tagName.text === "internal");
  });
}
