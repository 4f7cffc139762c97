/** The publish job's rules: steps, retries, outcomes, polling budget; and image preparation for uploadimg. */
import { PNG } from 'pngjs';
import jpeg from 'jpeg-js';
import type { PublishJob } from '@contract';
import { ImageError, kindOf, prepareImage, UPLOADIMG_MAX_BYTES } from '../../cloudfunctions/src/adapters/article-images';
import {
  canRetry,
  isStuck,
  isTransient,
  mediaKey,
  onTakeDown,
  outcomeOfStatus,
  publishJobId,
  resumeState,
  shouldPoll,
  stepFrom,
  wechatCodeText,
} from '../../cloudfunctions/src/domain/publish-job';

const NOW = Date.UTC(2025, 5, 1);

describe('the state machine', () => {
  it('each state has the step that leaves it; published and failed are terminal', () => {
    expect(stepFrom('queued')).toBe('upload_images');
    expect(stepFrom('images_uploaded')).toBe('create_draft');
    expect(stepFrom('draft_created')).toBe('submit');
    expect(stepFrom('submitted')).toBe('await_result');
    expect(stepFrom('published')).toBeNull();
    expect(stepFrom('failed')).toBeNull();
  });

  it('a job deleting its article has the delete step; deleted is terminal, never retried nor stuck, and a failed delete resumes deleting', () => {
    expect(stepFrom('deleting')).toBe('delete_article');
    expect(stepFrom('deleted')).toBeNull();
    expect(canRetry({ state: 'deleted', updatedAt: 0, lease: null }, NOW, 1000)).toBe(false);
    expect(isStuck({ state: 'deleted', updatedAt: 0, lease: null }, NOW, 1000)).toBe(false);
    expect(isStuck({ state: 'deleting', updatedAt: 0, lease: null }, NOW, 1000)).toBe(true);
    expect(resumeState({ state: 'failed', failedStep: 'delete_article' })).toBe('deleting');
  });

  it('taking the story down deletes what a job published, has a job on its way delete once out, and leaves the rest', () => {
    expect(onTakeDown('published')).toBe('delete');
    for (const s of ['queued', 'images_uploaded', 'draft_created', 'submitted'] as const) expect(onTakeDown(s)).toBe('delete_when_published');
    for (const s of ['failed', 'deleting', 'deleted'] as const) expect(onTakeDown(s)).toBeNull();
  });

  it('one job id per (story, revision), always a valid id', () => {
    expect(publishJobId('st-001', 2)).toBe('st-001-r2');
    expect(publishJobId('st-001', 3)).not.toBe(publishJobId('st-001', 2));
    const long = publishJobId('x'.repeat(64), 12);
    expect(long).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(long.endsWith('-r12')).toBe(true);
  });

  it('a retry resumes where the failed step started; a platform rejection needs a new draft', () => {
    expect(resumeState({ state: 'failed', failedStep: 'upload_images' })).toBe('queued');
    expect(resumeState({ state: 'failed', failedStep: 'create_draft' })).toBe('images_uploaded');
    expect(resumeState({ state: 'failed', failedStep: 'submit' })).toBe('draft_created');
    expect(resumeState({ state: 'failed', failedStep: 'await_result' })).toBe('images_uploaded');
    expect(resumeState({ state: 'draft_created', failedStep: null })).toBe('draft_created');
  });

  it('failed jobs can be retried; running ones only once stale and unleased; published never', () => {
    const job = (over: Partial<PublishJob>) => ({ state: 'draft_created' as const, updatedAt: NOW - 10_000, lease: null, ...over });
    expect(canRetry(job({ state: 'failed', updatedAt: NOW }), NOW, 60_000)).toBe(true);
    expect(canRetry(job({ state: 'published' }), NOW, 0)).toBe(false);
    expect(canRetry(job({}), NOW, 60_000)).toBe(false);
    expect(canRetry(job({ updatedAt: NOW - 60_000 }), NOW, 60_000)).toBe(true);
    expect(isStuck(job({ updatedAt: NOW - 60_000, lease: { owner: 'a', until: NOW + 1 } }), NOW, 60_000)).toBe(false);
    expect(isStuck(job({ updatedAt: NOW - 60_000, lease: { owner: 'a', until: NOW - 1 } }), NOW, 60_000)).toBe(true);
  });
});

describe('outcomes and codes', () => {
  it('publish_status 0 with a URL publishes; 1 waits; 2–6 fail with the Chinese reason', () => {
    expect(outcomeOfStatus(0, 'https://mp.weixin.qq.com/s/x')).toEqual({ kind: 'published', url: 'https://mp.weixin.qq.com/s/x' });
    expect(outcomeOfStatus(0, null).kind).toBe('failed');
    expect(outcomeOfStatus(1, null)).toEqual({ kind: 'pending' });
    const texts = [2, 3, 4, 5, 6].map((s) => {
      const o = outcomeOfStatus(s, null);
      if (o.kind !== 'failed') throw new Error('expected failed');
      expect(o.failure.code).toBe(s);
      expect(o.failure.source).toBe('publish_status');
      return o.failure.message;
    });
    expect(texts).toEqual(['原创声明失败', '发布失败', '平台审核不通过', '发布成功后用户已删除所有文章', '发布成功后系统已封禁所有文章']);
  });

  it('busy and network are transient; quota, IP whitelist and bad credentials need a person', () => {
    expect(isTransient(-1)).toBe(true);
    expect(isTransient(-2)).toBe(true);
    for (const code of [45009, 40164, 40001, 40125, 45003]) expect(isTransient(code)).toBe(false);
    expect(wechatCodeText(40164)).toContain('白名单');
    expect(wechatCodeText(12345)).toBe('公众号接口返回错误（错误码 12345）');
  });

  it('polls only submitted jobs, after the wait, within the daily budget', () => {
    const job = { state: 'submitted' as const, submittedAt: NOW - 300_000, lastPolledAt: null };
    expect(shouldPoll(job, NOW)).toBe(true);
    expect(shouldPoll({ ...job, lastPolledAt: NOW - 1000 }, NOW)).toBe(false);
    expect(shouldPoll({ ...job, state: 'draft_created' }, NOW)).toBe(false);
  });

  it('media keys are field-name safe and distinct for distinct file ids', () => {
    const a = mediaKey('cloud://env.b-1/seed/a.png');
    expect(a).toMatch(/^[A-Za-z0-9_]+$/);
    expect(mediaKey('cloud://env.b-1/seed/a_png')).not.toBe(mediaKey('cloud://env.b-1/seed/a.png'));
  });
});

function noisyPng(width: number, height: number): Buffer {
  const png = new PNG({ width, height });
  let x = 12345;
  for (let i = 0; i < png.data.length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    png.data[i] = i % 4 === 3 ? 255 : (x >>> 16) & 0xff;
  }
  return PNG.sync.write(png);
}

describe('images for uploadimg', () => {
  it('a small png passes unchanged', () => {
    const small = noisyPng(20, 20);
    const out = prepareImage(small, 'seed/inline/i01.png');
    expect(out.bytes).toBe(small);
    expect(out).toMatchObject({ kind: 'png', contentType: 'image/png', filename: 'i01.png' });
  });

  it('a png over 1 MB becomes a decodable jpeg under 1 MB', () => {
    const big = noisyPng(640, 640);
    expect(big.length).toBeGreaterThanOrEqual(UPLOADIMG_MAX_BYTES);
    const out = prepareImage(big, 'photo.png');
    expect(out.kind).toBe('jpeg');
    expect(out.bytes.length).toBeLessThan(UPLOADIMG_MAX_BYTES);
    expect(kindOf(out.bytes)).toBe('jpeg');
    const decoded = jpeg.decode(out.bytes);
    expect(decoded.width).toBe(out.width);
    expect(decoded.width).toBeGreaterThan(0);
  });

  it('gif, webp or garbage is refused with a typed error', () => {
    expect(() => prepareImage(Buffer.from('GIF89a....'), 'a.gif')).toThrow(ImageError);
    expect(() => prepareImage(Buffer.from('not an image'), 'a.bin')).toThrow(/only png and jpg/);
  });
});
