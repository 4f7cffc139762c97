/**
 * Every picture says what it shows, or says it shows nothing (WCAG 1.1.1). The two builds take
 * alt text in different places (h5: the inner <img>'s alt through `imgProps`; weapp: `ariaLabel`,
 * read by WeChat's screen reader), and a wrong place is silently ignored. So the one place that
 * knows is client/src/components/picture (`Picture`), and in client/src:
 * - Taro's <Image> is used raw only there, and in weapp-only files (`*.weapp.tsx`, never built
 *   for h5), where it must carry its `ariaLabel`;
 * - every <Picture> has `alt`: Chinese text naming what it shows, or '' when decorative (the same
 *   picture is named beside it). Text computed from data cannot be checked here; every literal
 *   piece of it (a string, a template's fixed text, either side of `??`, `||`, `? :`) is.
 * Staff pages and staff features are scanned with the reader ones: a new page cannot skip it.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { importedComponents, tsxFiles } from './jsx-source';

const src = path.resolve(__dirname, '../../client/src');
const PICTURE_FILE = path.join(src, 'components', 'picture', 'index.tsx');

/** The literal text pieces an alt expression can evaluate to (computed parts are skipped). */
function literalPieces(e: ts.Expression): string[] {
  if (ts.isParenthesizedExpression(e)) return literalPieces(e.expression);
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
  if (ts.isTemplateExpression(e)) {
    const fixed = e.head.text + e.templateSpans.map((s) => s.literal.text).join('');
    return fixed === '' ? [] : [fixed];
  }
  if (ts.isConditionalExpression(e)) return [...literalPieces(e.whenTrue), ...literalPieces(e.whenFalse)];
  if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    return [...literalPieces(e.left), ...literalPieces(e.right)];
  }
  return [];
}

/** What is wrong with the pictures of a source text (`file:line: why`); empty when all are fine. */
export function imageAltProblems(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  // Tag names as imported: Taro's Image and our Picture.
  const taro = importedComponents(sf, (m) => m === '@tarojs/components');
  const ours = importedComponents(sf, (m) => /(^|\/)picture$/.test(m));
  const weappOnly = file.endsWith('.weapp.tsx');
  const problems: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxSelfClosingElement(node) || ts.isJsxOpeningElement(node)) {
      const tag = node.tagName.getText(sf);
      const where = `${path.relative(src, file)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
      const attr = (name: string) => node.attributes.properties.find((p): p is ts.JsxAttribute => ts.isJsxAttribute(p) && p.name.getText(sf) === name);
      /** Problems of a text attribute: missing, or a literal piece neither '' (when allowed) nor Chinese. */
      const textProblems = (name: string, emptyAllowed: boolean, missing: string): string[] => {
        const a = attr(name);
        if (!a) return [`${where}: ${missing}`];
        const init = a.initializer;
        const value = !init ? null : ts.isStringLiteral(init) ? init : ts.isJsxExpression(init) ? init.expression : null;
        if (!value) return [`${where}: ${name} has no value`];
        return literalPieces(value)
          .filter((t) => !(emptyAllowed && t === '') && !/\p{Script=Han}/u.test(t))
          .map((t) => `${where}: ${name} "${t}" is not Chinese`);
      };
      if (taro(tag) === 'Image' && file !== PICTURE_FILE) {
        if (weappOnly) problems.push(...textProblems('ariaLabel', false, "<Image> without ariaLabel (WeChat's screen reader reads it)"));
        else problems.push(`${where}: raw <Image>: use <Picture alt=…> from components/picture (it puts alt text where each build reads it)`);
      }
      if (ours(tag) === 'Picture') problems.push(...textProblems('alt', true, "<Picture> without alt (name what it shows, or alt='' if decorative)"));
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return problems;
}

describe('image alt text', () => {
  it('every picture in the client, staff pages included, names what it shows or is marked decorative', () => {
    const files = tsxFiles(src);
    expect(files.some((f) => f.includes(`${path.sep}features${path.sep}staff-admin${path.sep}`))).toBe(true);
    expect(files).toContain(PICTURE_FILE);
    const problems = files.flatMap((f) => imageAltProblems(f, fs.readFileSync(f, 'utf8')));
    expect(problems).toEqual([]);
  });

  it('fails a raw Image, a Picture without alt or named in English, and a weapp Image without a label', () => {
    const head = "import { View } from '@tarojs/components';\nimport { Picture as Pic } from '../../components/picture';\n";
    const file = path.join(src, 'features/staff-admin/example.tsx');
    expect(imageAltProblems(file, `${head}export const A = () => <View><Pic src='x' mode='aspectFill' /></View>;`)).toEqual([
      "features/staff-admin/example.tsx:3: <Picture> without alt (name what it shows, or alt='' if decorative)",
    ]);
    expect(imageAltProblems(file, `${head}export const B = () => <Pic src='x' alt='cover' />;`)).toEqual(['features/staff-admin/example.tsx:3: alt "cover" is not Chinese']);
    expect(imageAltProblems(file, `${head}export const C = () => <Pic src='x' alt={\`photo \${1}\`} />;`)).toHaveLength(1);
    expect(imageAltProblems(file, `${head}export const D = (t?: string) => <Pic src='x' alt={t ?? 'cover'} />;`)).toHaveLength(1);
    expect(imageAltProblems(file, `${head}export const E = (t: string) => <Pic src='x' alt={t ? \`\${t}的照片\` : '专题封面'} />;`)).toEqual([]);
    expect(imageAltProblems(file, `${head}export const F = () => <Pic src='x' alt='' />;`)).toEqual([]);
    expect(imageAltProblems(file, `${head}export const G = (t: string) => <Pic src='x' alt={t} />;`)).toEqual([]);

    const raw = "import { Image as Img } from '@tarojs/components';\nimport * as C from '@tarojs/components';\n";
    expect(imageAltProblems(file, `${raw}export const H = () => <Img src='x' ariaLabel='专题封面' imgProps={{ alt: '专题封面' }} />;`)).toHaveLength(1);
    expect(imageAltProblems(file, `${raw}export const I = () => <C.Image src='x' />;`)).toHaveLength(1);
    // Inside Picture itself Image is the point.
    expect(imageAltProblems(PICTURE_FILE, `${raw}export const J = (alt: string) => <Img src='x' imgProps={{ alt }} />;`)).toEqual([]);

    const weapp = path.join(src, 'features/poster/example.weapp.tsx');
    expect(imageAltProblems(weapp, `${raw}export const K = () => <Img src='x' />;`)).toHaveLength(1);
    expect(imageAltProblems(weapp, `${raw}export const L = () => <Img src='x' ariaLabel='poster' />;`)).toHaveLength(1);
    expect(imageAltProblems(weapp, `${raw}export const M = (t?: string) => <Img src='x' ariaLabel={t ?? '海报'} />;`)).toEqual([]);
  });
});
