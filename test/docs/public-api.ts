// The public API as the TypeScript compiler sees it: every export of src/index.ts, resolved
// through the re-exports to its declaration, with its doc comment and tags.
import { dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

export const root = fileURLToPath(new URL("../..", import.meta.url));

export interface PublicExport {
  name: string;
  symbol: ts.Symbol;
  /** Where it is declared, as `src/…:line`. */
  where: string;
  /** The doc comment's text (summary and remarks), "" when there is none. */
  doc: string;
  tags: ts.JSDocTagInfo[];
  isFunction: boolean;
}

export interface PublicApi {
  checker: ts.TypeChecker;
  exports: PublicExport[];
}

/** The text of a tag (`@example`, `@defaultValue`, …) as written. */
export function tagText(tag: ts.JSDocTagInfo): string {
  return ts.displayPartsToString(tag.text ?? []);
}

/** The exports of src/index.ts, compiled with the project's tsconfig.json. */
export function publicApi(): PublicApi {
  const configPath = `${root}/tsconfig.json`;
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(configPath));
  const program = ts.createProgram([`${root}/src/index.ts`], { ...parsed.options, noEmit: true });
  const checker = program.getTypeChecker();
  const index = program.getSourceFile(`${root}/src/index.ts`)!;
  const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(index)!).map((exported) => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declaration = symbol.declarations![0];
    const file = declaration.getSourceFile();
    const line = file.getLineAndCharacterOfPosition(declaration.getStart()).line + 1;
    return {
      name: exported.name,
      symbol,
      where: `${relative(root, file.fileName)}:${line}`,
      doc: ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim(),
      tags: symbol.getJsDocTags(checker),
      isFunction: (symbol.flags & ts.SymbolFlags.Function) !== 0,
    };
  });
  return { checker, exports };
}
