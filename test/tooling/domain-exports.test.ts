/**
 * A domain rule is used where it decides (issue 9): every value a `cloudfunctions/src/domain`
 * module exports must be used by production code — imported by another module under
 * cloudfunctions/src, or used inside its own module by code that is. An export only tests
 * import is dead weight that misleads: a newcomer changes it, sees its tests pass, and has
 * changed nothing in production.
 *
 * Types are not rules and are not checked. A deliberate exception goes in ALLOWED with why.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.join(__dirname, '..', '..');
const SRC = path.join(ROOT, 'cloudfunctions', 'src');
const DOMAIN = path.join(SRC, 'domain');

/** `module:name` → why it may be exported without a production import. */
const ALLOWED: Record<string, string> = {};

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return sources(p);
    return d.name.endsWith('.ts') ? [p] : [];
  });
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
}

const isExported = (node: ts.Node): boolean => ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

/** Value exports of a module (functions, consts, classes, enums), with re-exports `export { x } from`. */
function valueExports(sf: ts.SourceFile): string[] {
  const out: string[] = [];
  for (const st of sf.statements) {
    if ((ts.isFunctionDeclaration(st) || ts.isClassDeclaration(st) || ts.isEnumDeclaration(st)) && isExported(st) && st.name) out.push(st.name.text);
    if (ts.isVariableStatement(st) && isExported(st)) for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) out.push(d.name.text);
    if (ts.isExportDeclaration(st) && !st.isTypeOnly && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const e of st.exportClause.elements) if (!e.isTypeOnly) out.push(e.name.text);
    }
  }
  return out;
}

/** Names `sf` imports (or re-exports) from the module at `target`, resolved by path. */
function namesImportedFrom(sf: ts.SourceFile, target: string): Set<string> {
  const names = new Set<string>();
  const base = target.replace(/\.ts$/, '');
  const fromTarget = (spec: ts.Expression | undefined) =>
    !!spec && ts.isStringLiteral(spec) && spec.text.startsWith('.') && path.resolve(path.dirname(sf.fileName), spec.text) === base;
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && fromTarget(st.moduleSpecifier)) {
      const b = st.importClause?.namedBindings;
      if (b && ts.isNamedImports(b)) for (const e of b.elements) names.add((e.propertyName ?? e.name).text);
      if (b && ts.isNamespaceImport(b)) names.add('*');
    }
    if (ts.isExportDeclaration(st) && fromTarget(st.moduleSpecifier) && st.exportClause && ts.isNamedExports(st.exportClause)) {
      for (const e of st.exportClause.elements) names.add((e.propertyName ?? e.name).text);
    }
  }
  return names;
}

/** Identifier uses of `name` in `sf` other than its own declaration. */
function usedInside(sf: ts.SourceFile, name: string): boolean {
  let uses = 0;
  const visit = (n: ts.Node) => {
    if (ts.isIdentifier(n) && n.text === name) {
      const p = n.parent;
      const declares = (ts.isFunctionDeclaration(p) || ts.isVariableDeclaration(p) || ts.isClassDeclaration(p) || ts.isEnumDeclaration(p) || ts.isExportSpecifier(p)) && p.name === n;
      if (!declares) uses++;
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return uses > 0;
}

describe('domain exports are used by production code', () => {
  const production = sources(SRC).map(parse);
  const domainFiles = sources(DOMAIN);

  it.each(domainFiles.map((f) => path.relative(ROOT, f)))('every value %s exports is used outside tests', (rel) => {
    const file = path.join(ROOT, rel);
    const own = production.find((sf) => sf.fileName === file) as ts.SourceFile;
    const imported = new Set<string>();
    for (const sf of production) if (sf !== own) for (const n of namesImportedFrom(sf, file)) imported.add(n);
    const unused = valueExports(own).filter((name) => !imported.has('*') && !imported.has(name) && !usedInside(own, name) && !ALLOWED[`${rel}:${name}`]);
    expect(unused).toEqual([]);
  });

  it('the check itself finds an export that only a test uses', () => {
    const sf = ts.createSourceFile(path.join(DOMAIN, 'probe.ts'), 'export function onlyForTests() { return 1; }\nexport const used = 2;\nexport function user() { return used; }', ts.ScriptTarget.ES2022, true);
    expect(valueExports(sf).filter((n) => !usedInside(sf, n))).toEqual(['onlyForTests', 'user']);
  });
});
