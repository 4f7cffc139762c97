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
export const Image = (props: AnyProps) => createElement('img', { ...hostProps(props), alt: (props.ariaLabel as string) ?? '' });
