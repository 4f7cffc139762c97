/**
 * The accessibility attributes WeChat's screen reader (读屏) reads on weapp.
 *
 * WeChat reads ARIA attributes on a WXML node (aria-component, base library 2.7.1+), but Taro's
 * weapp template (base.wxml) binds only the attributes it lists for each component and lists
 * none of these: an `aria-label` or `role` written in our JSX reached the page's data and stopped
 * there. Taro leaves them out on purpose, every attribute is repeated in each of the template's
 * levels (NervJS/taro#10025), and points to @tarojs/plugin-inject, which adds attributes to a
 * component's template and to the runtime's table of them (the two must agree: both number a
 * component's attributes in order, and the page data is keyed by those numbers).
 *
 * So this lists what client/src actually sets, per component, and nothing more (each attribute on
 * View costs about 1 KB of base.wxml). test/tooling/weapp-aria.test.ts fails when the source uses
 * an attribute missing here; test/weapp/compile-check.ts fails when the build's base.wxml does not
 * bind them.
 *
 * WeChat names the role `aria-role`; a `role` attribute is not read in a mini-program. The JSX
 * keeps `role` (h5 needs it), and the template reads it under WeChat's name: a non-empty value
 * here becomes the attribute's fallback (`aria-role="{{i.<ariaRole>||i.role}}"`), and `i.role` is
 * where Taro puts a node's `role`, under its own name since no component lists `role`.
 */

/** The `role` prop, bound as WeChat's `aria-role`. */
const ROLE = { 'aria-role': 'i.role' };

/** Attribute → value for @tarojs/plugin-inject: '' binds the node's own value. */
type Attributes = Record<string, string>;

function bind(...names: string[]): Attributes {
  return Object.fromEntries(names.map((n) => [n, '']));
}

export const WEAPP_ARIA: Record<string, Attributes> = {
  View: {
    ...ROLE,
    ...bind(
      'aria-label',
      'aria-busy',
      'aria-checked',
      'aria-disabled',
      'aria-expanded',
      'aria-haspopup',
      'aria-live',
      'aria-modal',
      'aria-pressed',
      'aria-selected',
      'aria-valuemax',
      'aria-valuemin',
      'aria-valuenow',
    ),
  },
  Text: { ...ROLE, ...bind('aria-label', 'aria-checked', 'aria-hidden') },
  Image: { ...ROLE, ...bind('aria-label') },
  Input: bind('aria-label'),
  Textarea: bind('aria-label'),
  Picker: bind('aria-label'),
  ScrollView: bind('aria-label'),
  Video: bind('aria-label'),
  Canvas: bind('aria-label'),
};
