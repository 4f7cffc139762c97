/** Small, purpose-made documents for function tests; every field of the entity is present, as in production. */
import { PNG } from 'pngjs';
import type { Campaign, ConsentRecord, Exemplar, Honor, RoleGrant, Story, Unit } from '@contract';

export const NOW = Date.UTC(2025, 4, 1, 2, 0, 0);

export const CONSENT: ConsentRecord = { method: 'in_app', evidence: 'o-person', recordedAt: NOW - 1000, recordedBy: 'o-person' };

export function unit(_id: string, level: Unit['level'], parent: Unit | null, order: number): Unit {
  return {
    _id,
    name: `${_id}全称`,
    shortName: _id,
    level,
    parentId: parent ? parent._id : null,
    path: parent ? [...parent.path, _id] : [_id],
    order,
  };
}

export function exemplar(_id: string, at: Unit, over: Partial<Exemplar> = {}): Exemplar {
  return {
    _id,
    kind: 'collective',
    tier: 'major',
    name: `典型${_id}`,
    title: '特勤站',
    unitId: at._id,
    unitPath: at.path,
    category: 'rescue',
    photo: null,
    summary: `${_id}的一句话`,
    biography: `${_id}的事迹长文`,
    consent: null,
    state: 'published',
    honorCount: 0,
    storyCount: 0,
    saluteCount: 0,
    enteredTierAt: NOW - 86_400_000,
    nextReviewAt: NOW + 86_400_000,
    createdAt: NOW - 86_400_000,
    updatedAt: NOW - 86_400_000,
    rank: 0,
    ...over,
  };
}

export function story(_id: string, at: Unit, over: Partial<Story> = {}): Story {
  return {
    _id,
    code: `C${_id.replace(/[^0-9A-Za-z]/g, '').slice(0, 10).padEnd(4, '0')}`,
    title: `事迹${_id}`,
    summary: `${_id}摘要`,
    cover: null,
    campaignId: null,
    exemplarIds: [],
    unitId: at._id,
    unitPath: at.path,
    author: '宣传员',
    blocks: [{ type: 'paragraph', spans: [{ text: `${_id}正文` }] }],
    state: 'published',
    revision: 1,
    publishedAt: NOW,
    createdAt: NOW - 3_600_000,
    updatedAt: NOW - 3_600_000,
    likeCount: 0,
    viewCount: 0,
    shareCount: 0,
    article: null,
    ...over,
  };
}

export function campaign(_id: string, order: number, over: Partial<Campaign> = {}): Campaign {
  return { _id, name: `专题${_id}`, slug: _id, description: `${_id}说明`, cover: null, startedAt: NOW - 86_400_000, order, storyCount: 0, ...over };
}

export function honor(_id: string, exemplarId: string, level: Honor['level'], date: string): Honor {
  return { _id, exemplarId, title: `荣誉${_id}`, level, date, awardedBy: '授予机关' };
}

export function grant(_id: string, openid: string, role: RoleGrant['role'], unitId: string, revokedAt: number | null = null): RoleGrant {
  return { _id, openid, role, unitId, grantedBy: 'dev-admin', grantedAt: NOW - 1000, revokedAt };
}

/** A tiny real PNG, so storage serves real image bytes. */
export function png(shade: number): Buffer {
  const img = new PNG({ width: 4, height: 4 });
  img.data.fill(shade);
  return PNG.sync.write(img);
}

export function docs<T>(items: T[]): Record<string, unknown>[] {
  return items as unknown as Record<string, unknown>[];
}

/** Newest first, ties by _id descending: the order every keyset list promises. */
export function byNewest<T extends { _id: string }>(items: T[], key: (t: T) => number): T[] {
  return [...items].sort((a, b) => (key(a) !== key(b) ? key(b) - key(a) : a._id < b._id ? 1 : a._id > b._id ? -1 : 0));
}
