/**
 * The poster: what gets painted (cover cropped to its box, title wrapped, exemplar, unit,
 * the code in its square) on a recording 2D context, and saving to the album with the
 * privacy agreement and the album scope asked for the way WeChat answers them.
 */
import { coverCrop, drawPoster, posterContent, profilePosterContent, wrapText, CODE_BOX, COVER_BOX, type PosterContext } from '../../client/src/features/poster/poster-layout';
import { savePosterToAlbum } from '../../client/src/features/poster/save-to-album';
import { profile, storyDetail } from './support/fixtures';
import { fake } from './support/taro-fake';

type Op = [string, ...unknown[]];

/** A 2D context that records calls and measures each character as 30 units wide (CJK-like). */
function recordingContext(): PosterContext & { ops: Op[] } {
  const ops: Op[] = [];
  const ctx = {
    ops,
    fillStyle: '' as unknown,
    font: '',
    textBaseline: '',
    textAlign: '',
    fillRect: (...a: number[]) => ops.push(['fillRect', ...a]),
    fillText: (t: string, x: number, y: number) => ops.push(['fillText', t, x, y]),
    measureText: (t: string) => ({ width: Array.from(t).length * 30 }),
    drawImage: (img: unknown, ...a: number[]) => ops.push(['drawImage', img, ...a]),
    save: () => ops.push(['save']),
    restore: () => ops.push(['restore']),
  };
  return ctx as PosterContext & { ops: Op[] };
}

describe('the poster layout', () => {
  it('crops a cover of any ratio to the centre of its box without stretching', () => {
    expect(coverCrop({ width: 2000, height: 1000 }, { w: 750, h: 600 })).toEqual({ sx: 375, sy: 0, sw: 1250, sh: 1000 });
    const tall = coverCrop({ width: 750, height: 1500 }, { w: 750, h: 600 });
    expect(tall).toEqual({ sx: 0, sy: 450, sw: 750, sh: 600 });
  });

  it('wraps a long title into at most three lines and ends a cut one with an ellipsis', () => {
    const ctx = recordingContext();
    const lines = wrapText(ctx, '一'.repeat(100), 300, 3);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('一'.repeat(10));
    expect(lines[2]!.endsWith('…')).toBe(true);
    expect(ctx.measureText(lines[2]!).width).toBeLessThanOrEqual(300);
    expect(wrapText(ctx, '短标题', 300, 3)).toEqual(['短标题']);
  });

  it('paints the cover, title, exemplars, unit, caption and the code in its square', () => {
    const ctx = recordingContext();
    const cover = { width: 1000, height: 800, name: 'cover' };
    const code = { width: 430, height: 430, name: 'code' };
    const story = storyDetail({ title: '烈火中的逆行者', exemplars: [{ _id: 'e1', name: '张伟', kind: 'individual' }, { _id: 'e2', name: '李强', kind: 'individual' }] });
    drawPoster(ctx, posterContent(story, { cover, code }, '长按识别小程序码，阅读全文'));
    const texts = ctx.ops.filter((o) => o[0] === 'fillText').map((o) => o[1]);
    expect(texts).toEqual(['烈火中的逆行者', '主人公：张伟、李强', '乌鲁木齐支队特勤站', '身边典型', '推优树典 · 讲好消防故事', '长按识别小程序码，阅读全文']);
    const images = ctx.ops.filter((o) => o[0] === 'drawImage');
    expect(images[0]).toEqual(['drawImage', cover, 0, 0, 1000, 800, COVER_BOX.x, COVER_BOX.y, COVER_BOX.w, COVER_BOX.h]);
    expect(images[1]).toEqual(['drawImage', code, 0, 0, 430, 430, CODE_BOX.x, CODE_BOX.y, CODE_BOX.size, CODE_BOX.size]);
    expect(ctx.ops[0]).toEqual(['save']);
    expect(ctx.ops.at(-1)).toEqual(['restore']);
  });

  it('still makes a poster without a cover or a unit', () => {
    const ctx = recordingContext();
    drawPoster(ctx, posterContent(storyDetail({ unit: null, exemplars: [] }), { cover: null, code: null }, '扫码阅读全文'));
    const texts = ctx.ops.filter((o) => o[0] === 'fillText').map((o) => o[1]);
    expect(texts[0]).toBe('身边典型');
    expect(texts).not.toContain('主人公：');
    expect(ctx.ops.filter((o) => o[0] === 'drawImage')).toEqual([]);
  });
});

describe('a profile’s poster', () => {
  const honours = [{ level: 'national' as const, honors: [{ _id: 'h1', title: '全国青年岗位能手', level: 'national' as const, date: '2023-05-01', awardedBy: '共青团中央' }] }];

  it('paints a person: library and kind as the tag, the name, the post, the highest honour, the unit', () => {
    const ctx = recordingContext();
    const photo = { width: 600, height: 800, name: 'photo' };
    drawPoster(ctx, profilePosterContent(profile({ name: '王建军', honorGroups: honours }), { cover: photo, code: null }, '扫码查看典型事迹'));
    const texts = ctx.ops.filter((o) => o[0] === 'fillText').map((o) => o[1]);
    expect(texts).toEqual(['重大先进典型 · 个人', '王建军', '一级消防士 · 特勤站班长', '荣誉：全国青年岗位能手', '乌鲁木齐支队特勤站', '身边典型', '推优树典 · 讲好消防故事', '扫码查看典型事迹']);
    // A portrait keeps its upper part (the face) when cut to the 5:4 box.
    const [, , sx, sy] = ctx.ops.find((o) => o[0] === 'drawImage')!;
    expect([sx, sy]).toEqual([0, (800 - 480) * 0.2]);
  });

  it('paints a station from its centre, without an honour line when it has none; a retired one is just 集体典型', () => {
    const ctx = recordingContext();
    const station = profile({ kind: 'collective', tier: 'retired', name: '红山消防救援站', title: '赴汤蹈火 竭诚为民', honorGroups: [] });
    drawPoster(ctx, profilePosterContent(station, { cover: { width: 1000, height: 1000 }, code: null }, '扫码查看典型事迹'));
    const texts = ctx.ops.filter((o) => o[0] === 'fillText').map((o) => o[1]);
    expect(texts.slice(0, 4)).toEqual(['集体典型', '红山消防救援站', '赴汤蹈火 竭诚为民', '乌鲁木齐支队特勤站']);
    const [, , , sy] = ctx.ops.find((o) => o[0] === 'drawImage')!;
    expect(sy).toBe((1000 - 800) / 2);
  });

  it('keeps a long name to one line', () => {
    const ctx = recordingContext();
    drawPoster(ctx, profilePosterContent(profile({ name: '一'.repeat(40) }), { cover: null, code: null }, '扫码'));
    const name = ctx.ops.filter((o) => o[0] === 'fillText')[2]![1] as string;
    expect(name.endsWith('…')).toBe(true);
    expect(ctx.ops.filter((o) => o[0] === 'fillText' && String(o[1]).startsWith('一一'))).toHaveLength(1);
  });
});

describe('saving the poster to the album', () => {
  it('asks privacy, then the album scope, and saves', async () => {
    expect(await savePosterToAlbum('wxfile://tmp/poster.png')).toBe('saved');
    expect(fake.privacyCalls).toBe(1);
    expect(fake.authorizeCalls).toEqual(['scope.writePhotosAlbum']);
    expect(fake.savedToAlbum).toEqual(['wxfile://tmp/poster.png']);
    expect(fake.toasts.at(-1)?.title).toBe('已保存到相册');
  });

  it('does not ask again once granted', async () => {
    fake.authSetting['scope.writePhotosAlbum'] = true;
    expect(await savePosterToAlbum('wxfile://tmp/p.png')).toBe('saved');
    expect(fake.authorizeCalls).toEqual([]);
  });

  it('stops without touching the album when the privacy guide is declined', async () => {
    fake.privacyAnswer = false;
    expect(await savePosterToAlbum('wxfile://tmp/p.png')).toBe('privacy-refused');
    expect(fake.authorizeCalls).toEqual([]);
    expect(fake.savedToAlbum).toEqual([]);
    expect(fake.toasts.at(-1)?.title).toBe('未同意隐私保护指引，无法保存到相册');
  });

  it('explains a refusal and offers the settings page; allowing it there saves', async () => {
    fake.authorizeAnswer = false;
    fake.settingChanges = { 'scope.writePhotosAlbum': true };
    expect(await savePosterToAlbum('wxfile://tmp/p.png')).toBe('saved');
    expect(fake.modals).toEqual([{ title: '需要相册权限', content: '保存海报需要允许“保存到相册”。可以在设置中打开，之后再点保存。' }]);
    expect(fake.openSettingCalls).toBe(1);
    expect(fake.savedToAlbum).toEqual(['wxfile://tmp/p.png']);
  });

  it('after an earlier refusal (no prompt any more) and "暂不", saves nothing and says how else to keep it', async () => {
    fake.authSetting['scope.writePhotosAlbum'] = false;
    fake.modalAnswer = false;
    expect(await savePosterToAlbum('wxfile://tmp/p.png')).toBe('album-refused');
    expect(fake.authorizeCalls).toEqual([]);
    expect(fake.openSettingCalls).toBe(0);
    expect(fake.savedToAlbum).toEqual([]);
    expect(fake.toasts.at(-1)?.title).toBe('未获得相册权限，可长按海报图片保存');
  });
});
