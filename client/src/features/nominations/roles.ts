import type { Me } from '@contract';

/** Objections are decided at the corps (the server refuses anyone else): only a corps reviewer gets the controls. */
export function resolvesObjections(me: Me): boolean {
  return me.roles.some((r) => r.role === 'reviewer' && r.unit.level === 'corps');
}
