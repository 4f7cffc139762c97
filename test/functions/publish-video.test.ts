/**
 * A story with a video, published to the (fake) official account: the article cannot play the
 * app's video, so its poster — uploaded through uploadimg like every inline image — stands in its
 * place as a picture link to the story in the mini-program, with 「点击观看视频」 under it. The
 * fake keeps a mini-program link only when it names the associated mini-program and a page path,
 * so a link that would not open shows up here as a missing one. The video file itself never
 * goes to the account.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Story } from '@contract';
import { LOCAL_APPID, localFileId } from '../../emulator/env';
import { seedDemo } from '../../emulator/seed';
import { data } from './cloud-fixture';
import { docs, png, uploadRecord } from './fixtures';
import { demoStories, startPublishCloud, type PublishCloud } from './publish-fixture';

const VIDEO_PATH = 'authoring/video/pv0000000000000/drill.mp4';
const POSTER_PATH = 'authoring/story/pv0000000000000/poster.png';
const VIDEO = localFileId(VIDEO_PATH);
const POSTER = localFileId(POSTER_PATH);

const base = demoStories()[0] as Story;
const story: Story = {
  ...base,
  _id: 'pv-video',
  code: 'PVIDEO01',
  title: '夜间拉动演练',
  cover: null,
  revision: 1,
  article: null,
  blocks: [
    { type: 'paragraph', spans: [{ text: '凌晨两点，警铃响起，全站一分钟内出动。' }] },
    { type: 'video', file: VIDEO, poster: POSTER, width: 480, height: 270, durationMs: 6000, caption: '出动全过程' },
    { type: 'paragraph', spans: [{ text: '这是一次不打招呼的拉动演练。' }] },
  ],
};

let t: PublishCloud;

beforeAll(async () => {
  t = await startPublishCloud('publish-video', {}, {}, (db, storage) => {
    seedDemo(db, storage);
    storage.put(VIDEO_PATH, fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'drill-6s.mp4')));
    storage.put(POSTER_PATH, png(120));
    db.insertMany('files', docs([uploadRecord(VIDEO, 'dev-editor', 'video', 'pass', { durationMs: 6000, width: 480, height: 270 }), uploadRecord(POSTER, 'dev-editor', 'story')]));
    db.insertMany('stories', docs([story]));
  });
}, 90_000);

afterAll(async () => {
  await t?.stop();
});

describe('publishing a story with a video', () => {
  it('the article shows the uploaded poster linked to the story in the mini-program, with 「点击观看视频」; the video never goes to the account', async () => {
    const uploadsBefore = t.oa.calls().filter((c) => c.api === 'media/uploadimg' && c.errcode === 0).length;
    const view = data(await t.call('start', { storyId: story._id }));
    expect(view.state).toBe('submitted');
    await t.oa.settle();
    await new Promise((r) => setTimeout(r, 150));
    expect(t.job(view._id)?.state).toBe('published');
    const article = t.oa.articles().find((a) => a.url === t.story(story._id)?.article?.url);
    if (!article) throw new Error('no article');
    const html = article.content;
    // One image went up: the poster (it is also the card's image, the story having no cover).
    expect(t.oa.calls().filter((c) => c.api === 'media/uploadimg' && c.errcode === 0).length - uploadsBefore).toBe(1);
    const posterUrl = /<img src="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(posterUrl.startsWith(`${t.oa.url}/mmbiz/`)).toBe(true);
    // As the account keeps it (the editor drops href=""): the picture link and the text link, both to the story page.
    const link = `<a data-miniprogram-appid="${LOCAL_APPID}" data-miniprogram-path="pages/story/index?id=${story._id}&amp;rev=1"`;
    expect(html).toContain(`${link} style="display:block;"><img src="${posterUrl}"`);
    expect(html).toContain(`${link} style="color:#c8102e;">▶ 点击观看视频</a>`);
    expect(html).toContain('出动全过程');
    expect(html.indexOf('点击观看视频')).toBeGreaterThan(html.indexOf(posterUrl));
    expect(html).not.toContain('.mp4');
    expect(html).not.toContain('<video');
    // The card back to the story is there too, with the poster as its picture.
    expect(html).toContain(`data-miniprogram-imageurl="${posterUrl}"`);
  });
});
