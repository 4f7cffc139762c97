/**
 * Exemplar and honor documents, composed from the hand-written facts. Biographies are written
 * from the same facts the stories use; counts (honorCount, storyCount) are filled in by the
 * caller once stories exist, so they are computed, never typed in by hand.
 */
import type { ConsentRecord, Exemplar, Honor, Unit } from '@contract';
import { localFileId } from '../env';
import { EXEMPLAR_FACTS, type ExemplarFacts } from './exemplar-facts';
import { HONOR_CATALOG, HONOR_WEIGHT, type HonorContext } from './honors';
import type { Rng } from './prng';
import { cstDate, DAY, HONORS_SINCE } from './time';
import { detachmentOf } from './units';
import { pronoun, quoted, zhNumber } from './zh';

export const PHOTO_PATH = (id: string): string => `seed/photos/${id}.png`;
export const CONSENT_FORM_PATH = (id: string): string => `seed/consent/${id}.png`;

/** Prefecture name as used in honors, recovered from the detachment's full name. */
function prefectureOf(detachment: Unit): string {
  return detachment.name.replace(/消防救援支队$/, '');
}

/** The county an exemplar's honors come from: its battalion's place, or the first battalion's. */
function countyOf(unit: Unit, get: (id: string) => Unit, units: readonly Unit[]): string {
  let battalion: Unit | undefined = unit.path[2] ? get(unit.path[2]) : undefined;
  if (!battalion) battalion = units.find((u) => u.level === 'battalion' && u.parentId === unit._id);
  if (!battalion) throw new Error(`seed: no battalion for ${unit._id}`);
  return battalion.name.replace(/消防救援大队$/, '');
}

export function honorContext(f: ExemplarFacts, get: (id: string) => Unit, units: readonly Unit[]): HonorContext {
  const unit = get(f.unitId);
  const detachment = detachmentOf(unit, get);
  if (!detachment) throw new Error(`seed: exemplar ${f.id} sits at the corps`);
  return { prefecture: prefectureOf(detachment), detachment: detachment.name, county: countyOf(unit, get, units), kind: f.kind };
}

export function buildHonors(rng: Rng, now: number, get: (id: string) => Unit, units: readonly Unit[]): Honor[] {
  // Honors need at least a month between award and today; with an early `now` the window
  // shrinks to the last three years rather than producing future dates.
  const latest = now - 30 * DAY;
  const earliest = Math.min(HONORS_SINCE, latest - 3 * 365 * DAY);
  const since = HONORS_SINCE < latest ? HONORS_SINCE : earliest;
  const honors: Honor[] = [];
  for (const f of EXEMPLAR_FACTS) {
    const ctx = honorContext(f, get, units);
    const dates = f.honors.map(() => since + Math.floor(rng.next() * (latest - since)));
    // Higher honors usually come after lower ones in a career: sort dates and award in order
    // from county up, so the listing reads as a progression.
    const ordered = f.honors
      .map((key, i) => ({ key, order: ['county', 'prefecture', 'regional', 'national'].indexOf(HONOR_CATALOG[key].level) * 10 + i }))
      .sort((a, b) => a.order - b.order);
    dates.sort((a, b) => a - b);
    ordered.forEach(({ key }, i) => {
      const t = HONOR_CATALOG[key];
      honors.push({
        _id: `hn-${f.id}-${i + 1}`,
        exemplarId: f.id,
        title: t.title(ctx),
        level: t.level,
        date: cstDate(dates[i] as number),
        awardedBy: t.awardedBy(ctx),
      });
    });
  }
  return honors;
}

function fakeOpenid(rng: Rng): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  let s = 'o';
  for (let i = 0; i < 27; i += 1) s += alphabet[rng.int(0, alphabet.length - 1)];
  return s;
}

function honorLabel(h: Honor, ctx: HonorContext): string {
  const place = h.level === 'county' ? ctx.county : h.level === 'prefecture' ? ctx.prefecture : '';
  // A bare "优秀共产党员" means little without who awarded it; place names already say it.
  return place && !h.title.startsWith(place) ? `${place}${quoted(h.title)}` : quoted(h.title);
}

function honorSentence(f: ExemplarFacts, honors: readonly Honor[], ctx: HonorContext): string {
  const who = f.kind === 'collective' ? '该单位' : pronoun(f.kind, f.gender);
  const merit = (h: Honor): boolean => /等功$/.test(h.title);
  // Highest first, the way certificates are listed on an honor wall.
  const sorted = honors.slice().sort((a, b) => HONOR_WEIGHT[b.level] - HONOR_WEIGHT[a.level]);
  const titles = sorted.filter((h) => !merit(h)).map((h) => honorLabel(h, ctx));
  const merits = sorted.filter(merit).map((h) => `${h.title}一次`);
  const parts: string[] = [];
  if (titles.length > 0) parts.push(`先后获评${titles.join('、')}`);
  if (merits.length > 0) parts.push(`荣立${merits.join('、')}`);
  if (parts.length === 0) return '';
  return `近年来，${who}${parts.join('，')}。`;
}

function biography(f: ExemplarFacts, unit: Unit, detachment: Unit, honors: readonly Honor[], ctx: HonorContext): string {
  const paragraphs: string[] = [];
  const unitFull = unit._id === detachment._id ? detachment.name : `${detachment.name}${unit.name}`;
  if (f.kind === 'individual') {
    const [rank, post] = f.title.split(' · ');
    // The post repeats the unit's short name ("特勤站班长"); the full unit name already says it.
    const role = (post ?? '').replace(/^.*?(站|大队|支队)/, '');
    paragraphs.push(`${f.name}，${f.origin}人，${rank}，现任${unitFull}${role}。${pronoun(f.kind, f.gender)}${f.summary}`);
  } else {
    paragraphs.push(`${f.name}隶属于${detachment.name}，组建至今已有${zhNumber(f.years)}年。${unit.shortName}${f.summary}`);
  }
  paragraphs.push(f.deeds.map((d) => d.text).join(''));
  paragraphs.push(f.daily);
  const hs = honorSentence(f, honors, ctx);
  if (hs) paragraphs.push(hs);
  paragraphs.push(
    f.kind === 'individual' ? `${quoted(f.quote)}这是${f.name}常挂在嘴边的一句话。` : `${quoted(f.quote)}这是全站指战员共同的信念。`,
  );
  return paragraphs.join('\n\n');
}

export interface ExemplarBuild {
  exemplars: Exemplar[];
  /** Exemplars that need a consent-form scan in storage. */
  consentForms: string[];
}

export function buildExemplars(
  rng: Rng,
  now: number,
  get: (id: string) => Unit,
  units: readonly Unit[],
  honors: readonly Honor[],
): ExemplarBuild {
  const consentForms: string[] = [];
  const exemplars = EXEMPLAR_FACTS.map((f): Exemplar => {
    const r = rng.fork(f.id);
    const unit = get(f.unitId);
    const detachment = detachmentOf(unit, get);
    if (!detachment) throw new Error(`seed: exemplar ${f.id} sits at the corps`);
    const own = honors.filter((h) => h.exemplarId === f.id);
    const enteredTierAt = now - r.int(60, 700) * DAY - r.int(0, 23) * 3_600_000;
    const createdAt = enteredTierAt - r.int(10, 60) * DAY;
    // Libraries are reviewed yearly: the next review is the first anniversary after now.
    let nextReviewAt = enteredTierAt + 365 * DAY;
    while (nextReviewAt <= now) nextReviewAt += 365 * DAY;
    let consent: ConsentRecord | null = null;
    if (f.kind === 'individual' && f.consent) {
      if (f.consent === 'signed_form') consentForms.push(f.id);
      const recordedAt = createdAt + r.int(1, 5) * DAY;
      const person = fakeOpenid(r);
      const inWlmq = unit.path.includes('u-wlmq');
      consent = {
        method: f.consent,
        evidence: f.consent === 'signed_form' ? localFileId(CONSENT_FORM_PATH(f.id)) : person,
        recordedAt,
        recordedBy: inWlmq ? 'dev-editor' : 'dev-admin',
        name: f.name,
        // A form counts once a reviewer other than the uploader checked it; an in-app
        // confirmation is the person's own.
        verifiedBy: f.consent === 'signed_form' ? (inWlmq ? 'dev-reviewer' : 'dev-corps-reviewer') : person,
        verifiedAt: recordedAt + (f.consent === 'signed_form' ? DAY : 0),
      };
    }
    if (f.kind === 'individual' && f.state === 'published' && !consent) {
      throw new Error(`seed: ${f.id} would be published without consent (PIPL art. 25)`);
    }
    return {
      _id: f.id,
      kind: f.kind,
      tier: f.tier,
      name: f.name,
      title: f.title,
      unitId: unit._id,
      unitPath: unit.path.slice(),
      category: f.category,
      photo: localFileId(PHOTO_PATH(f.id)),
      summary: f.summary,
      biography: biography(f, unit, detachment, own, honorContext(f, get, units)),
      consent,
      state: f.state,
      honorCount: own.length,
      storyCount: 0,
      saluteCount: f.state === 'draft' ? 0 : f.tier === 'major' ? r.int(600, 3200) : r.int(40, 600),
      enteredTierAt,
      nextReviewAt,
      createdAt,
      updatedAt: Math.max(createdAt, now - r.int(1, 40) * DAY),
      rank: own.reduce((sum, h) => sum + HONOR_WEIGHT[h.level], 0),
    };
  });
  return { exemplars, consentForms };
}
