import type { ConsentRecord } from '@contract';
import { groupHonors, type HonorRow } from '../../cloudfunctions/src/domain/honors';
import { isPublicExemplar, isPublicStory } from '../../cloudfunctions/src/domain/visibility';
import { awaitsVerification, consentAfterEdit, consentHolds } from '../../cloudfunctions/src/domain/consent';

const consent: ConsentRecord = { method: 'signed_form', evidence: 'cloud://x/form.png', recordedAt: 1, recordedBy: 'editor', name: '王磊', verifiedBy: 'reviewer', verifiedAt: 2 };

describe('visibility', () => {
  it('a published story with a publication instant is public', () => {
    expect(isPublicStory({ state: 'published', publishedAt: 1 })).toBe(true);
  });

  it.each(['draft', 'in_review', 'returned', 'withdrawn'] as const)('a %s story is not public', (state) => {
    expect(isPublicStory({ state, publishedAt: 1 })).toBe(false);
  });

  it('a "published" story without a publication instant is not shown (it could not be placed in the feed)', () => {
    expect(isPublicStory({ state: 'published', publishedAt: null })).toBe(false);
  });

  it('a published collective is public without a consent record', () => {
    expect(isPublicExemplar({ state: 'published', kind: 'collective', name: '特勤站', consent: null })).toBe(true);
  });

  it('a published individual is public only with a consent record (PIPL art. 25)', () => {
    expect(isPublicExemplar({ state: 'published', kind: 'individual', name: '王磊', consent: null })).toBe(false);
    expect(isPublicExemplar({ state: 'published', kind: 'individual', name: '王磊', consent })).toBe(true);
  });

  it('a draft exemplar is never public, consent or not', () => {
    expect(isPublicExemplar({ state: 'draft', kind: 'individual', name: '王磊', consent })).toBe(false);
    expect(isPublicExemplar({ state: 'draft', kind: 'collective', name: '特勤站', consent: null })).toBe(false);
  });
});

describe('honor groups', () => {
  const h = (id: string, level: HonorRow['level'], date: string): HonorRow => ({ _id: id, title: `荣誉${id}`, level, date, awardedBy: '授予单位' });

  it('run from national down to county, whatever order the honors came in', () => {
    const groups = groupHonors([h('c', 'county', '2024-01-01'), h('n', 'national', '2020-01-01'), h('p', 'prefecture', '2023-01-01'), h('r', 'regional', '2022-05-01')]);
    expect(groups.map((g) => g.level)).toEqual(['national', 'regional', 'prefecture', 'county']);
  });

  it('leave out levels without honors', () => {
    const groups = groupHonors([h('a', 'regional', '2022-01-01'), h('b', 'county', '2021-01-01')]);
    expect(groups.map((g) => g.level)).toEqual(['regional', 'county']);
  });

  it('show the newest honor first within a level, ties ordered stably', () => {
    const groups = groupHonors([h('a', 'national', '2021-03-01'), h('b', 'national', '2024-07-01'), h('d', 'national', '2022-01-01'), h('c', 'national', '2022-01-01')]);
    expect(groups[0]?.honors.map((x) => x._id)).toEqual(['b', 'd', 'c', 'a']);
  });

  it('are empty for an exemplar without honors', () => {
    expect(groupHonors([])).toEqual([]);
  });

  it('carry only the fields a profile shows', () => {
    const [group] = groupHonors([{ ...h('a', 'county', '2021-01-01'), exemplarId: 'e1' } as HonorRow]);
    expect(Object.keys(group?.honors[0] ?? {}).sort()).toEqual(['_id', 'awardedBy', 'date', 'level', 'title']);
  });
});

describe('when consent counts (PIPL art. 25)', () => {
  const form: ConsentRecord = { method: 'signed_form', evidence: 'cloud://x/form.png', recordedAt: 1, recordedBy: 'editor', name: '王磊', verifiedBy: null, verifiedAt: null };
  const person = { kind: 'individual' as const, name: '王磊' };

  it('a signed form does not count until a reviewer has checked it', () => {
    expect(consentHolds(form, person)).toBe(false);
    expect(awaitsVerification(form)).toBe(true);
    expect(consentHolds({ ...form, verifiedBy: 'reviewer', verifiedAt: 2 }, person)).toBe(true);
  });

  it('a signed form checked by the person who uploaded it does not count', () => {
    expect(consentHolds({ ...form, verifiedBy: 'editor', verifiedAt: 2 }, person)).toBe(false);
  });

  it('consent given under another name does not count for the renamed profile', () => {
    const given: ConsentRecord = { method: 'in_app', evidence: 'o1', recordedAt: 1, recordedBy: 'o1', name: '王磊', verifiedBy: 'o1', verifiedAt: 1 };
    expect(consentHolds(given, person)).toBe(true);
    expect(consentHolds(given, { kind: 'individual', name: '王磊磊' })).toBe(false);
  });

  it('renaming an individual voids the consent; other edits and collectives keep it', () => {
    const given: ConsentRecord = { method: 'in_app', evidence: 'o1', recordedAt: 1, recordedBy: 'o1', name: '王磊', verifiedBy: 'o1', verifiedAt: 1 };
    expect(consentAfterEdit(given, person, { kind: 'individual', name: '王磊2' })).toBeNull();
    expect(consentAfterEdit(given, person, person)).toBe(given);
    expect(consentAfterEdit(given, { kind: 'collective', name: 'a' }, { kind: 'collective', name: 'b' })).toBe(given);
  });

  it('a collective needs no personal consent', () => {
    expect(consentHolds(null, { kind: 'collective', name: '特勤站' })).toBe(true);
  });
});
