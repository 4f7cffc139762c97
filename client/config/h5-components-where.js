/**
 * webpack loader for @tarojs/components-react's stylesheet (h5 with `useHtmlComponents`): every
 * selector is wrapped in `:where()`, so the components' own look weighs nothing against a page's
 * class. With the stencil components those rules were tag selectors (`taro-button-core`), which
 * any class outranked; the html components' `.taro-button-core.taro-btn-default` (two classes)
 * outranked the pages' one-class button rules instead, and buttons came out grey and misaligned.
 * This restores the stencil-era order in one place, for every component, without the pages
 * knowing which DOM a component renders. Keyframe steps are left alone; a pseudo-element stays
 * outside the `:where()` (it is not allowed inside).
 */
const postcss = require('postcss');

/** `a b::before` → `:where(a b)::before`; `a` → `:where(a)`. */
function weightless(selector) {
  const at = selector.search(/::[\w-]+(\([^)]*\))?\s*$/);
  const [head, pseudo] = at === -1 ? [selector, ''] : [selector.slice(0, at), selector.slice(at)];
  return head.trim() === '' ? selector : `:where(${head.trim()})${pseudo}`;
}

function whereStylesheet(css) {
  const root = postcss.parse(css);
  root.walkRules((rule) => {
    const parent = rule.parent;
    if (parent && parent.type === 'atrule' && /keyframes$/i.test(parent.name)) return;
    rule.selectors = rule.selectors.map(weightless);
  });
  return root.toString();
}

module.exports = function componentsWhereLoader(source) {
  return whereStylesheet(String(source));
};
module.exports.whereStylesheet = whereStylesheet;
