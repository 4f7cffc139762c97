/** Small, purpose-made documents for function tests; every field of the entity is present, as in production. */
import { PNG } from 'pngjs';
import { createHash } from 'node:crypto';
import type { Campaign, ConsentRecord, Exemplar, FileRecord, Honor, ImageCheckState, RoleGrant, Story, Unit, UploadPurpose } from '@contract';
import { fileKey } from '../../cloudfunctions/src/lib/files';

export const NOW = Date.UTC(2025, 4, 1, 2, 0, 0);

/** An in-app confirmation by the person, under the name `exemplar()` gives `_id` (典型<_id>). */
export function consentOf(name: string): ConsentRecord {
  return { method: 'in_app', evidence: 'o-person', recordedAt: NOW - 1000, recordedBy: 'o-person', name, verifiedBy: 'o-person', verifiedAt: NOW - 1000 };
}

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

/**
 * The `files` record of an upload (lib/files.ts), as the upload would have written it: `owner`
 * uploaded `fileId` for `purpose`; its image check stands at `check`.
 */
export function uploadRecord(fileId: string, owner: string, purpose: UploadPurpose, check: ImageCheckState = 'pass', over: Partial<FileRecord> = {}): FileRecord {
  return {
    _id: fileKey((s) => createHash('sha256').update(s, 'utf8').digest('hex'), fileId),
    fileId,
    owner,
    purpose,
    bytes: 100,
    width: 4,
    height: 4,
    uploadedAt: NOW - 1000,
    check,
    traceId: null,
    checkRequestedAt: NOW - 1000,
    checkDecidedAt: check === 'pending' ? null : NOW - 500,
    checkAttempts: 1,
    boundTo: null,
    removedAt: null,
    ...over,
  };
}
