/**
 * Every picture the demo references, drawn once per build. The pools are small on purpose
 * (16 covers, 8 inline pictures): stories reuse them, which keeps the seed a few MB.
 */
import type { Exemplar } from '@contract';
import { CAMPAIGN_COVER_PATH, CAMPAIGN_SEEDS } from './campaigns';
import { CONSENT_FORM_PATH, PHOTO_PATH } from './exemplars';
import { drawConsentForm, drawPortrait, drawScene, type SceneKind } from './images';
import { COVER_POOL, INLINE_POOL, INLINE_SIZE } from './stories';

export interface SeedFile {
  cloudPath: string;
  bytes: Buffer;
}

const SCENES: SceneKind[] = ['mountains', 'station', 'flame', 'desert'];
const CAMPAIGN_SCENE: Record<string, SceneKind> = { pingfan: 'station', gushi: 'flame', xiaofangzhang: 'mountains', tianshan: 'mountains' };

function seedOf(text: string): number {
  let h = 2166136261;
  for (let k = 0; k < text.length; k += 1) h = Math.imul(h ^ text.charCodeAt(k), 16777619) >>> 0;
  return h;
}

export function buildFiles(exemplars: readonly Exemplar[], consentForms: readonly string[]): SeedFile[] {
  const files: SeedFile[] = [];
  COVER_POOL.forEach((p, k) => files.push({ cloudPath: p, bytes: drawScene(SCENES[k % SCENES.length] as SceneKind, seedOf(p), 750, 600) }));
  INLINE_POOL.forEach((p, k) =>
    files.push({ cloudPath: p, bytes: drawScene(SCENES[(k + 1) % SCENES.length] as SceneKind, seedOf(p), INLINE_SIZE.width, INLINE_SIZE.height) }),
  );
  for (const c of CAMPAIGN_SEEDS) {
    const p = CAMPAIGN_COVER_PATH(c.slug);
    files.push({ cloudPath: p, bytes: drawScene(CAMPAIGN_SCENE[c.slug] ?? 'mountains', seedOf(p), 750, 600) });
  }
  for (const e of exemplars) {
    const p = PHOTO_PATH(e._id);
    // Collectives are pictured by their station; individuals by a stylised bust.
    files.push({ cloudPath: p, bytes: e.kind === 'collective' ? drawScene('station', seedOf(p), 400, 400) : drawPortrait(seedOf(p), 400) });
  }
  for (const id of consentForms) {
    const p = CONSENT_FORM_PATH(id);
    files.push({ cloudPath: p, bytes: drawConsentForm(seedOf(p)) });
  }
  return files;
}
