/**
 * On weapp an accessibility attribute reaches WeChat's screen reader only if base.wxml binds it
 * for that component, and client/config/weapp-aria.ts lists the ones it binds (through
 * @tarojs/plugin-inject). An attribute missing there is dropped without a word: the page data
 * carries it, the template never reads it. So every `role` and `aria-*` (or `ariaLabel`) written
 * on a Taro component in client/src, h5-only files (`*.h5.tsx`) aside, must be listed for that
 * component. test/weapp/compile-check.ts checks that the build binds what is listed.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { WEAPP_ARIA } from '../../client/config/weapp-aria';
import { importedComponents, tsxFiles } from './jsx-source';

const src = path.resolve(__dirname, '../../client/src');

/** The JSX attributes a component's listed template attributes carry (`aria-role` carries `role` too). */
function bound(component: string): Set<string> {
  const names = Object.keys(WEAPP_ARIA[component] ?? {});
  return new Set(names.includes('aria-role') ? [...names, 'role'] : names);
}

/** An accessibility attribute's template name (`ariaLabel` → `aria-label`), or null for any other. */
function ariaName(attribute: string): string | null {
  if (attribute === 'role' || attribute.startsWith('aria-')) return attribute;
  if (/^aria[A-Z]/.test(attribute)) return attribute.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return null;
}

/** Accessibility attributes on Taro components that weapp would drop (`file:line: why`), and how many were seen. */
export function unboundAria(file: string, text: string): { problems: string[]; seen: number } {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  // Tag as written → Taro component name, through named imports (renamed or not) and namespaces.
  const componentOf = importedComponents(sf, (m) => m === '@tarojs/components');
  const problems: string[] = [];
  let seen = 0;
  const visit = (node: ts.Node) => {
    if (ts.isJsxSelfClosingElement(node) || ts.isJsxOpeningElement(node)) {
      const component = componentOf(node.tagName.getText(sf));
      if (component) {
        for (const a of node.attributes.properties) {
          if (!ts.isJsxAttribute(a)) continue;
          const written = a.name.getText(sf);
          const name = ariaName(written);
          if (!name) continue;
          seen += 1;
          if (!bound(component).has(name)) {
            const line = sf.getLineAndCharacterOfPosition(a.getStart(sf)).line + 1;
            problems.push(`${path.relative(src, file)}:${line}: <${component} ${written}> is dropped on weapp: list '${name === 'role' ? 'aria-role' : name}' for ${component} in client/config/weapp-aria.ts`);
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { problems, seen };
}

describe('weapp aria attributes', () => {
  it('every role and aria-* on a Taro component in the weapp build is bound by base.wxml', () => {
    const files = tsxFiles(src).filter((f) => !f.endsWith('.h5.tsx'));
    const results = files.map((f) => unboundAria(f, fs.readFileSync(f, 'utf8')));
    // The scan finds the app's attributes (a broken import match would pass on nothing).
    expect(results.reduce((n, r) => n + r.seen, 0)).toBeGreaterThan(100);
    expect(results.flatMap((r) => r.problems)).toEqual([]);
  });

  it('fails an attribute the component does not bind, whatever the import looks like', () => {
    const file = path.join(src, 'features/example.tsx');
    const head = "import { View as V, Text } from '@tarojs/components';\nimport * as C from '@tarojs/components';\n";
    expect(unboundAria(file, `${head}export const A = () => <V role='button' aria-label='关闭' ariaPressed />;`).problems).toEqual([]);
    expect(unboundAria(file, `${head}export const B = () => <V aria-describedby='x' />;`).problems).toEqual([
      "features/example.tsx:3: <View aria-describedby> is dropped on weapp: list 'aria-describedby' for View in client/config/weapp-aria.ts",
    ]);
    expect(unboundAria(file, `${head}export const C2 = () => <C.Button ariaLabel='提交' />;`).problems).toHaveLength(1);
    expect(unboundAria(file, `${head}export const D = () => <C.Input role='searchbox' />;`).problems).toHaveLength(1);
    // Our own components pass their props on; what they render is checked where they render it.
    expect(unboundAria(file, `${head}const Mine = (p: { ariaLabel: string }) => <Text aria-label={p.ariaLabel} />;\nexport const E = () => <Mine ariaLabel='x' />;`)).toEqual({ problems: [], seen: 1 });
  });
});
