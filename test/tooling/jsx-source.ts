/**
 * Reading client/src's JSX for the tooling checks (image-alt, weapp-aria): its .tsx files, and
 * which imported component a JSX tag names.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** Every .tsx file under `dir`. */
export function tsxFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsxFiles(p) : e.name.endsWith('.tsx') ? [p] : [];
  });
}

/**
 * For the modules `from` accepts: the exported name a JSX tag as written stands for, through named
 * imports (renamed or not) and namespace imports (`C.Image`); undefined for any other tag.
 */
export function importedComponents(sf: ts.SourceFile, from: (module: string) => boolean): (tag: string) => string | undefined {
  const named = new Map<string, string>();
  const namespaces = new Set<string>();
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !from((st.moduleSpecifier as ts.StringLiteral).text)) continue;
    const bindings = st.importClause?.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) namespaces.add(bindings.name.text);
    else if (bindings) for (const el of bindings.elements) named.set(el.name.text, (el.propertyName ?? el.name).text);
  }
  return (tag) => {
    const dot = tag.indexOf('.');
    return dot > 0 && namespaces.has(tag.slice(0, dot)) ? tag.slice(dot + 1) : named.get(tag);
  };
}
