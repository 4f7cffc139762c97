/**
 * Every picture says what it shows, or says it shows nothing (WCAG 1.1.1). Taro's <Image> takes
 * its alt text through `nativeProps.alt` (the h5 <img> inside taro-image-core; an `ariaLabel` alone
 * lands on the custom element, which screen readers and axe skip) and its label for WeChat's
 * screen reader through `ariaLabel`. So each <Image> in client/src must either
 * - name what it shows, in Chinese: `nativeProps={{ alt: … }}` and `ariaLabel` both given, or
 * - be marked decorative: `nativeProps={{ alt: '' }}` (the same picture is named beside it).
 * Staff pages and staff features are scanned with the reader ones: a new page cannot skip it.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const src = path.resolve(__dirname, '../../client/src');

function tsxFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsxFiles(p) : e.name.endsWith('.tsx') ? [p] : [];
  });
}

/** What is wrong with each <Image> of a source text (`file:line: why`); empty when all are fine. */
export function imageAltProblems(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  // Only Taro's Image: the name it was imported under from @tarojs/components.
  const names = new Set<string>();
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || (st.moduleSpecifier as ts.StringLiteral).text !== '@tarojs/components') continue;
    const bindings = st.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings)) for (const el of bindings.elements) if ((el.propertyName ?? el.name).text === 'Image') names.add(el.name.text);
  }
  const problems: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isJsxSelfClosingElement(node) || ts.isJsxOpeningElement(node)) && names.has(node.tagName.getText(sf))) {
      const where = `${path.relative(src, file)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
      const attr = (name: string) => node.attributes.properties.find((p): p is ts.JsxAttribute => ts.isJsxAttribute(p) && p.name.getText(sf) === name);
      const native = attr('nativeProps')?.initializer;
      const object = native && ts.isJsxExpression(native) && native.expression && ts.isObjectLiteralExpression(native.expression) ? native.expression : null;
      const alt = object?.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && p.name.getText(sf) === 'alt');
      if (!alt) problems.push(`${where}: no nativeProps={{ alt }} (name what it shows, or alt: '' if decorative)`);
      else {
        const decorative = ts.isStringLiteral(alt.initializer) && alt.initializer.text === '';
        if (!decorative && !attr('ariaLabel')) problems.push(`${where}: alt text but no ariaLabel (WeChat's screen reader reads ariaLabel)`);
        if (ts.isStringLiteral(alt.initializer) && alt.initializer.text !== '' && !/\p{Script=Han}/u.test(alt.initializer.text)) problems.push(`${where}: alt "${alt.initializer.text}" is not Chinese`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return problems;
}

describe('image alt text', () => {
  it('every <Image> in the client, staff pages included, names what it shows or is marked decorative', () => {
    const files = tsxFiles(src);
    expect(files.some((f) => f.includes(`${path.sep}features${path.sep}staff-admin${path.sep}`))).toBe(true);
    const problems = files.flatMap((f) => imageAltProblems(f, fs.readFileSync(f, 'utf8')));
    expect(problems).toEqual([]);
  });

  it('fails a staff image without alt text, one with only an aria label, and one named in English', () => {
    const head = "import { Image as Img, View } from '@tarojs/components';\n";
    const file = path.join(src, 'features/staff-admin/example.tsx');
    expect(imageAltProblems(file, `${head}export const A = () => <View><Img src='x' mode='aspectFill' /></View>;`)).toEqual([
      'features/staff-admin/example.tsx:2: no nativeProps={{ alt }} (name what it shows, or alt: \'\' if decorative)',
    ]);
    expect(imageAltProblems(file, `${head}export const B = () => <Img src='x' ariaLabel='封面' />;`)).toHaveLength(1);
    expect(imageAltProblems(file, `${head}export const C = () => <Img src='x' nativeProps={{ alt: '专题封面' }} />;`)).toHaveLength(1);
    expect(imageAltProblems(file, `${head}export const D = () => <Img src='x' ariaLabel='cover' nativeProps={{ alt: 'cover' }} />;`)).toHaveLength(1);
    expect(imageAltProblems(file, `${head}export const E = () => <Img src='x' ariaLabel='专题封面' nativeProps={{ alt: '专题封面' }} />;`)).toEqual([]);
    expect(imageAltProblems(file, `${head}export const F = () => <Img src='x' nativeProps={{ alt: '' }} />;`)).toEqual([]);
  });
});
