/**
 * Host-element stand-ins for @tarojs/components: View → div, Text → span, Image → img,
 * ScrollView → div. Only props a browser element understands are passed on, so tests
 * see the markup a user would (roles, labels, text) and React does not warn about
 * Taro-only props such as `mode` or `scrollX`.
 */
import { createElement, type CSSProperties, type ReactNode } from 'react';

type AnyProps = Record<string, unknown> & { children?: ReactNode };

const PASS = new Set(['className', 'id', 'role', 'src', 'onClick']);

function hostProps(props: AnyProps): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) {
    if (k === 'children') continue;
    if (PASS.has(k) || k.startsWith('aria-') || k.startsWith('data-')) out[k] = v;
    else if (k === 'ariaLabel') out['aria-label'] = v;
    else if (k === 'style') out.style = typeof v === 'object' ? (v as CSSProperties) : undefined;
  }
  return out;
}

function host(tag: string, name: string) {
  const C = (props: AnyProps) => createElement(tag, hostProps(props), props.children);
  C.displayName = name;
  return C;
}

export const View = host('div', 'View');
export const Text = host('span', 'Text');
export const ScrollView = host('div', 'ScrollView');
export const Button = host('button', 'Button');

/**
 * Input / Textarea: controlled by `value`; typing fires Taro's `onInput` with its event shape
 * (`{ detail: { value } }`), and `maxlength` cuts input as the platform does.
 */
function field(tag: 'input' | 'textarea', name: string) {
  const C = (props: AnyProps) => {
    const max = typeof props.maxlength === 'number' && props.maxlength >= 0 ? props.maxlength : undefined;
    return createElement(tag, {
      ...hostProps(props),
      value: (props.value as string | undefined) ?? '',
      placeholder: props.placeholder as string | undefined,
      maxLength: max,
      disabled: props.disabled as boolean | undefined,
      onChange: (e: { target: { value: string } }) => {
        const value = max === undefined ? e.target.value : e.target.value.slice(0, max);
        (props.onInput as ((ev: { detail: { value: string } }) => void) | undefined)?.({ detail: { value } });
      },
    });
  };
  C.displayName = name;
  return C;
}
export const Input = field('input', 'Input');
export const Textarea = field('textarea', 'Textarea');
// Canvas type="2d": the element exists in the tree; its node comes from the Taro fake's selector query.
export const Canvas = host('canvas', 'Canvas');
/**
 * Image → img. Its alt comes only from `imgProps.alt`, as on the h5 build (useHtmlComponents puts
 * `imgProps` on the <img> inside Taro's wrapper div), so a picture given its text another way has
 * no alt here either. The wrapper div is left out (tests find the picture by class and role); an
 * `ariaLabel` shows as the element's aria-label, as weapp's native image takes it.
 */
export const Image = (props: AnyProps) => createElement('img', { ...hostProps(props), alt: (props.imgProps as { alt?: string } | undefined)?.alt });
/** Video → video: its source, poster and controls, as a browser shows them. */
export const Video = (props: AnyProps) => createElement('video', { ...hostProps(props), poster: props.poster as string | undefined, controls: props.controls as boolean | undefined });
/**
 * Picker (mode date): the trigger (its children) and the value chosen as a date field labelled
 * like the picker; choosing fires Taro's `onChange` with `{ detail: { value: 'YYYY-MM-DD' } }`.
 */
export const Picker = (props: AnyProps) =>
  createElement(
    'div',
    { className: props.className as string | undefined },
    props.children,
    createElement('input', {
      type: 'date',
      'aria-label': (props['aria-label'] ?? props.ariaLabel) as string | undefined,
      value: (props.value as string | undefined) ?? '',
      min: props.start as string | undefined,
      max: props.end as string | undefined,
      onChange: (e: { target: { value: string } }) => (props.onChange as ((ev: { detail: { value: string } }) => void) | undefined)?.({ detail: { value: e.target.value } }),
    }),
  );
