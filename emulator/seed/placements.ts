/**
 * 媒体刊发: the demo's media placements — reports about the exemplars in real outlets of each
 * level (central, Xinjiang, the exemplar's own prefecture, its county's media centre), headlined
 * from the same deeds their stories tell. Dates fall between the start of the corps' reporting
 * period and a week before `now`; the major library is covered more than the reserve one.
 */
import type { MediaPlacement, OutletLevel, Unit } from '@contract';
import { placementFields } from '../../cloudfunctions/src/domain/honours-wall';
import { EXEMPLAR_FACTS } from './exemplar-facts';
import { honorContext } from './exemplars';
import type { Rng } from './prng';
import { cstDate, DAY, HONORS_SINCE } from './time';

const CENTRAL = ['人民日报', '新华社', '中央广播电视总台', '中国应急管理报', '人民网', '中国消防'];
const REGIONAL = ['新疆日报', '新疆广播电视台', '天山网', '石榴云', '兵团日报'];

/** The prefecture's daily and the county's media centre, named after their places. */
function localOutlets(prefecture: string, county: string): { prefecture: string; county: string } {
  return { prefecture: `${prefecture.replace(/(市|地区|回族自治州|蒙古自治州|哈萨克自治州|柯尔克孜自治州)$/, '')}日报`, county: `${county}融媒体中心` };
}

/** Outlet levels drawn by weight: most coverage is regional and local. */
const LEVEL_WEIGHTS: [OutletLevel, number][] = [
  ['central', 0.15],
  ['regional', 0.35],
  ['prefecture', 0.3],
  ['county', 0.2],
];

function drawLevel(rng: Rng): OutletLevel {
  let x = rng.next();
  for (const [level, w] of LEVEL_WEIGHTS) {
    if (x < w) return level;
    x -= w;
  }
  return 'county';
}

export function buildPlacements(rng: Rng, now: number, get: (id: string) => Unit, units: readonly Unit[]): MediaPlacement[] {
  const latest = now - 7 * DAY;
  const since = Math.min(HONORS_SINCE, latest - 3 * 365 * DAY);
  const out: MediaPlacement[] = [];
  for (const f of EXEMPLAR_FACTS) {
    const r = rng.fork(f.id);
    const ctx = honorContext(f, get, units);
    const local = localOutlets(ctx.prefecture, ctx.county);
    const count = f.tier === 'major' ? r.int(4, 9) : r.int(0, 4);
    const dates = Array.from({ length: count }, () => since + Math.floor(r.next() * (latest - since))).sort((a, b) => a - b);
    dates.forEach((at, i) => {
      const level = drawLevel(r);
      const outlet = level === 'central' ? r.pick(CENTRAL) : level === 'regional' ? r.pick(REGIONAL) : level === 'prefecture' ? local.prefecture : local.county;
      const deed = f.deeds[i % f.deeds.length];
      const title = `${f.name}：${deed ? deed.heading : f.summary.slice(0, 20)}`;
      const placement = { outlet, level, date: cstDate(at) };
      out.push({ _id: `pl-${f.id}-${i + 1}`, exemplarId: f.id, storyId: null, title, link: null, ...placement, ...placementFields(placement) });
    });
  }
  return out;
}
