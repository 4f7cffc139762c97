/**
 * The server side of the political department's daily tools (issue 10): a campaign's cover,
 * period and archive state, which campaigns readers and editors see, invite codes as people type
 * them, and a consent link's code to print — through the real wx-server-sdk on the local cloud.
 */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { CONSENT_PAGE, type CampaignAdminView } from '@contract';
import { localFileId } from '../../emulator/env';
import { MATRIX_FUNCTION_ENV, seedExemplar, seedInvite, seedMatrixWorld } from './authz-matrix';
import { data, startTestCloud, type TestCloud } from './cloud-fixture';
import { png } from './fixtures';

let t: TestCloud;

beforeAll(async () => {
  t = await startTestCloud('staff-tools', seedMatrixWorld, MATRIX_FUNCTION_ENV);
});

afterAll(async () => {
  await t?.stop();
});

const DAY = 86_400_000;
const SPRING = Date.UTC(2025, 0, 20, 16, 0, 0);
const SPRING_END = Date.UTC(2025, 1, 28, 15, 59, 59);

type Refusal = { ok: false; error: { code: string; reason?: string; fields?: { path: string; message: string; reason?: string }[] } };

/** Runs `fn` after WeChat's image checks have landed, and asserts it answered `code` and wrote nothing at all. */
async function refusedWithoutWrites(code: string, fn: () => Promise<unknown>): Promise<Refusal> {
  await t.cloud.mediaChecks.settled();
  const before = t.cloud.db.snapshot();
  const res = (await fn()) as Refusal;
  expect(res).toMatchObject({ ok: false, error: { code } });
  expect(t.cloud.db.snapshot()).toEqual(before);
  return res;
}

async function upload(openid: string, purpose: 'cover' | 'story', shade: number): Promise<string> {
  return data(await t.call('authoring', 'uploadImage', { purpose, base64: png(shade).toString('base64') }, openid)).fileId;
}

async function managed(id: string): Promise<CampaignAdminView> {
  const found = data(await t.call('admin', 'listCampaigns', {}, 'dev-admin')).items.find((c) => c._id === id);
  if (!found) throw new Error(`campaign ${id} is not listed for the admin`);
  return found;
}

/** The whole form as the 专题管理 page sends it, from what the admin list shows. */
function form(c: CampaignAdminView) {
  return { id: c._id, name: c.name, slug: c.slug, description: c.description, order: c.order, cover: c.cover?.fileId ?? null, startedAt: c.startedAt, endsAt: c.endsAt, archived: c.archived };
}

const readerList = async () => data(await t.call('content', 'campaigns', {}, 'dev-reader')).items.map((c) => c._id);
const editorChoices = async () => data(await t.call('authoring', 'campaignOptions', {}, 'dev-editor')).items.map((c) => c._id);

function auditOf(subjectId: string): { action: string; before: Record<string, unknown> | null; after: Record<string, unknown> }[] {
  return Object.values(t.cloud.db.snapshot().audit ?? {})
    .map((raw) => JSON.parse(raw.slice(raw.indexOf(':') + 1)) as { action: string; subject: { id: string }; at: number; before: Record<string, unknown> | null; after: Record<string, unknown> })
    .filter((e) => e.subject.id === subjectId)
    .sort((a, b) => a.at - b.at);
}

describe('campaign covers, periods and archiving', () => {
  it('an admin uploads a cover and saves a campaign with its period: the admin list shows both, and the audit entry records them', async () => {
    const cover = await upload('dev-admin', 'cover', 31);
    const made = data(await t.call('admin', 'saveCampaign', { name: '新春走基层', slug: 'spring-2025', description: '春节期间坚守一线的消防员', order: 20, cover, startedAt: SPRING, endsAt: SPRING_END }, 'dev-admin'));
    expect(made).toMatchObject({ name: '新春走基层', storyCount: 0, startedAt: SPRING, endsAt: SPRING_END, archived: false });
    expect(made.cover).toMatch(/^http/);
    const listed = await managed(made._id);
    expect(listed).toMatchObject({ cover: { fileId: cover, url: expect.stringMatching(/^http/) }, startedAt: SPRING, endsAt: SPRING_END, archived: false });
    const res = await fetch(listed.cover!.url!);
    expect(Buffer.from(await res.arrayBuffer()).equals(png(31))).toBe(true);
    expect(auditOf(made._id)).toEqual([expect.objectContaining({ action: 'admin.saveCampaign', before: null, after: expect.objectContaining({ cover, startedAt: SPRING, endsAt: SPRING_END, archived: false }) })]);
  });

  it('a cover must be one the caller uploaded as a campaign cover: another admin’s cover, an editor’s story image or an unknown file is refused, nothing written', async () => {
    const othersCover = await upload('mx-det-admin', 'cover', 32);
    const storyImage = await upload('dev-editor', 'story', 33);
    for (const cover of [othersCover, storyImage, localFileId('authoring/cover/nobody/none.png')]) {
      const res = await refusedWithoutWrites('INVALID_ARGUMENT', () => t.call('admin', 'saveCampaign', { name: '借用封面', slug: 'borrowed-cover', description: '封面不是自己上传的', order: 21, cover }, 'dev-admin'));
      expect(res.error).toMatchObject({ reason: 'file_not_accepted', fields: [{ path: 'cover', reason: 'file_not_accepted' }] });
    }
  });

  it('an editor cannot upload a campaign cover', async () => {
    expect(await t.call('authoring', 'uploadImage', { purpose: 'cover', base64: png(34).toString('base64') }, 'dev-editor')).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED', reason: 'role_required' } });
  });

  it('an edit keeps what it leaves out; it can remove the cover and open the end; a period that ends before it starts is refused', async () => {
    const cover = await upload('dev-admin', 'cover', 35);
    const made = data(await t.call('admin', 'saveCampaign', { name: '夏季防溺水', slug: 'summer-2025', description: '夏季防溺水宣传', order: 22, cover, startedAt: SPRING, endsAt: SPRING_END }, 'dev-admin'));
    // An older page sends only the first fields: cover, period and archive state stay.
    data(await t.call('admin', 'saveCampaign', { id: made._id, name: '夏季防溺水专题', slug: 'summer-2025', description: '夏季防溺水宣传', order: 22 }, 'dev-admin'));
    expect(await managed(made._id)).toMatchObject({ name: '夏季防溺水专题', cover: { fileId: cover }, startedAt: SPRING, endsAt: SPRING_END, archived: false });
    // The stored start decides when only the end is named.
    const early = await refusedWithoutWrites('INVALID_ARGUMENT', () => t.call('admin', 'saveCampaign', { id: made._id, name: '夏季防溺水专题', slug: 'summer-2025', description: '夏季防溺水宣传', order: 22, endsAt: SPRING - DAY }, 'dev-admin'));
    expect(early.error).toMatchObject({ reason: 'campaign_period_invalid', fields: [{ path: 'endsAt', reason: 'campaign_period_invalid' }] });
    await refusedWithoutWrites('INVALID_ARGUMENT', () => t.call('admin', 'saveCampaign', { name: '倒挂的专题', slug: 'upside-down', description: '结束早于开始', order: 23, startedAt: SPRING_END, endsAt: SPRING }, 'dev-admin'));
    // The cover it already has is accepted again, whoever uploaded it; null removes it.
    data(await t.call('admin', 'saveCampaign', { ...form(await managed(made._id)), endsAt: null }, 'dev-admin'));
    expect(await managed(made._id)).toMatchObject({ cover: { fileId: cover }, endsAt: null });
    data(await t.call('admin', 'saveCampaign', { ...form(await managed(made._id)), cover: null }, 'dev-admin'));
    expect((await managed(made._id)).cover).toBeNull();
  });

  it('a campaign without a published story is offered to editors but not listed for readers', async () => {
    const made = data(await t.call('admin', 'saveCampaign', { name: '119 消防宣传月', slug: 'xuanchuanyue', description: '十一月消防宣传月', order: 24 }, 'dev-admin'));
    expect(made).toMatchObject({ storyCount: 0, endsAt: null, archived: false });
    expect(await readerList()).not.toContain(made._id);
    expect(await editorChoices()).toContain(made._id);
    // The demo campaigns all have published stories: readers see each of them.
    expect(await readerList()).toEqual(expect.arrayContaining(['cp-pingfan', 'cp-gushi', 'cp-xiaofangzhang', 'cp-tianshan']));
  });

  it('archiving takes a campaign with stories out of the readers’ list and the editors’ choices; its page still opens and says so; bringing it back lists it again', async () => {
    const before = await managed('cp-gushi');
    expect(before.storyCount).toBeGreaterThan(0);
    data(await t.call('admin', 'saveCampaign', { ...form(before), archived: true }, 'dev-admin'));
    expect(await readerList()).not.toContain('cp-gushi');
    expect(await editorChoices()).not.toContain('cp-gushi');
    const page = data(await t.call('content', 'campaignFeed', { campaignId: 'cp-gushi' }, 'dev-reader'));
    expect(page.campaign).toMatchObject({ _id: 'cp-gushi', archived: true });
    expect(page.items.length).toBeGreaterThan(0);
    expect(auditOf('cp-gushi').pop()).toMatchObject({ before: expect.objectContaining({ archived: false }), after: expect.objectContaining({ archived: true }) });

    data(await t.call('admin', 'saveCampaign', { ...form(await managed('cp-gushi')), archived: false }, 'dev-admin'));
    expect(await readerList()).toContain('cp-gushi');
    expect(await editorChoices()).toContain('cp-gushi');
  });
});

describe('invite codes as people type them', () => {
  const fullWidth = (s: string) => [...s].map((ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).join('');
  let seq = 9000;

  it.each([
    ['lower case with a space between the groups', (c: string) => `${c.slice(0, 4).toLowerCase()} ${c.slice(4).toLowerCase()}`],
    ['dashes between the groups', (c: string) => `${c.slice(0, 4)}-${c.slice(4)}`],
    ['a Chinese keyboard’s full-width characters', (c: string) => fullWidth(c)],
  ])('a code typed in %s redeems', async (_how, typed) => {
    seq += 1;
    const { code } = seedInvite(t.cloud.db, 'u-wlmq-b1-s2', seq);
    const openid = `o-typed-${seq}`;
    expect(data(await t.call('admin', 'redeem', { code: typed(code) }, openid))).toMatchObject({ role: 'editor', unit: { _id: 'u-wlmq-b1-s2' } });
  });

  it('a code with a character invite codes never use is refused on the code field before any lookup', async () => {
    const res = await t.call('admin', 'redeem', { code: 'K7M2-P91X' }, 'o-typed-one');
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', fields: [{ path: 'code' }] } });
  });
});

describe('a consent link to print', () => {
  function decode(bytes: Buffer): string | null {
    const img = PNG.sync.read(bytes);
    return jsQR(new Uint8ClampedArray(img.data), img.width, img.height)?.data ?? null;
  }

  it('requestConsent answers the link’s mini-program code: scanning it opens the consent page with the link’s code as scene', async () => {
    const exemplarId = seedExemplar(t.cloud.db, 'u-wlmq-b1-s1', 9101, { kind: 'individual', state: 'draft', name: '阿依古丽' });
    const link = data(await t.call('authoring', 'requestConsent', { exemplarId }, 'dev-editor'));
    expect(link.path).toBe(`${CONSENT_PAGE}?code=${link.code}`);
    expect(link.qrCode).toMatch(/^http/);
    const res = await fetch(link.qrCode!);
    expect(decode(Buffer.from(await res.arrayBuffer()))).toBe(`${CONSENT_PAGE}?scene=${link.code}`);
    // What the page does with the scene: the code opens the person's link.
    expect(data(await t.call('authoring', 'consentInfo', { code: link.code }, 'dev-reader'))).toMatchObject({ name: '阿依古丽', expiresAt: link.expiresAt });
  });

  it('when WeChat cannot draw the code just now, the link is still made and works, and the answer has no image', async () => {
    const exemplarId = seedExemplar(t.cloud.db, 'u-wlmq-b1-s1', 9102, { kind: 'individual', state: 'draft', name: '马建军' });
    t.cloud.faults.failOpenApi('wxacode.getUnlimited', -1, 'system error', 1);
    const link = data(await t.call('authoring', 'requestConsent', { exemplarId }, 'dev-editor'));
    expect(link.qrCode).toBeNull();
    expect(data(await t.call('authoring', 'consentInfo', { code: link.code }, 'dev-reader'))).toMatchObject({ name: '马建军' });
  });
});

describe('strict index mode', () => {
  it('every query was served by a declared index', () => {
    expect(t.cloud.db.indexReport()).toEqual([]);
  });
});
