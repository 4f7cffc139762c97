/**
 * What the list behind a wall figure shows, read from its page's query (routes.honoured /
 * routes.placements write them): the request it sends and the heading that names the figure.
 * A query that names no list (a hand-edited link) is refused here rather than sent.
 */
import type { ExemplarKind, HonourBand, PlacementLevel, RequestOf } from '@contract';
import { KIND_LABEL, TIER_LABEL } from '../../lib/contract-values';
import { HONOUR_BAND_LABEL, PLACEMENT_LEVEL_LABEL } from '../../lib/honours-values';

type Params = Partial<Record<string, string>>;

const BANDS: readonly HonourBand[] = ['national_regional', 'national', 'regional', 'prefecture', 'county', 'merit', 'any'];
const LEVELS: readonly PlacementLevel[] = ['central', 'regional', 'prefecture', 'county', 'unrated'];
const year = (v: string | undefined): number | undefined => (v !== undefined && /^\d{4}$/.test(v) ? Number(v) : undefined);
const kindOf = (v: string | undefined): ExemplarKind | undefined => (v === 'individual' || v === 'collective' ? v : undefined);
const period = (q: { year?: number; since?: number }) => (q.year !== undefined ? `${q.year}年` : `自${q.since}年以来`);

export type HonouredList =
  | { kind: 'honoured'; request: Omit<RequestOf<'content', 'honoured'>, 'cursor' | 'limit'>; heading: string }
  | { kind: 'library'; request: Omit<RequestOf<'content', 'exemplars'>, 'cursor' | 'limit'>; heading: string };

export function honouredList(p: Params): HonouredList | null {
  const kind = kindOf(p.kind);
  if (p.tier === 'major' || p.tier === 'reserve') {
    return { kind: 'library', request: { tier: p.tier, ...(kind ? { kind } : {}) }, heading: [TIER_LABEL[p.tier], kind ? KIND_LABEL[kind] : null].filter(Boolean).join(' · ') };
  }
  const band = BANDS.find((b) => b === p.band);
  const y = year(p.year);
  const since = year(p.since);
  if (!band || (y === undefined) === (since === undefined)) return null;
  const unit = p.unitId ? { unitId: p.unitId } : {};
  const what = band === 'any' ? '受表彰典型' : band === 'merit' ? '记功' : `${HONOUR_BAND_LABEL[band]}荣誉`;
  return {
    kind: 'honoured',
    request: { band, ...(y !== undefined ? { year: y } : { since }), ...(kind ? { kind } : {}), ...unit },
    heading: [period({ year: y, since }), p.unitId ? (p.unitName ?? null) : null, what, kind ? KIND_LABEL[kind] : null].filter(Boolean).join(' · '),
  };
}

export function placementList(p: Params): { request: Omit<RequestOf<'content', 'placements'>, 'cursor' | 'limit'>; heading: string } | null {
  const y = year(p.year);
  const since = year(p.since);
  if ((y === undefined) === (since === undefined)) return null;
  const level = LEVELS.find((l) => l === p.level);
  const outlet = p.outlet && p.outlet.trim().length > 0 ? p.outlet.trim() : undefined;
  return {
    request: { ...(y !== undefined ? { year: y } : { since }), ...(level ? { level } : {}), ...(outlet ? { outlet } : {}) },
    heading: [period({ year: y, since }), outlet ?? (level ? PLACEMENT_LEVEL_LABEL[level] : '全部媒体'), '刊发'].join(' · '),
  };
}
