/**
 * A video in the official-account article: an article cannot play the app's video, so the
 * reader sees its poster — uploaded like every inline image — as WeChat's picture link to the
 * story in the mini-program, with 「点击观看视频」 under it (a text link to the same page).
 */
import type { ContentBlock, Story } from '@contract';
import { inlineImages, renderArticle, storyCardPath, VIDEO_CALL } from '../../cloudfunctions/src/domain/article';

const APPID = 'wx0000000000local';
const VIDEO = 'cloud://env.b/authoring/video/f1/clip.mp4';
const POSTER = 'cloud://env.b/authoring/story/f1/frame.jpg';
const PHOTO = 'cloud://env.b/authoring/story/f1/photo.jpg';

const blocks: ContentBlock[] = [
  { type: 'paragraph', spans: [{ text: '凌晨两点，警铃响起。' }] },
  { type: 'video', file: VIDEO, poster: POSTER, width: 480, height: 270, durationMs: 6000, caption: '夜间<演练>' },
  { type: 'image', file: PHOTO, width: 800, height: 600 },
];
const story: Pick<Story, '_id' | 'title' | 'author' | 'blocks' | 'revision'> = { _id: 's-video', title: '夜间演练', author: '宣传员', blocks, revision: 3 };
const urls = { [POSTER]: 'https://mmbiz.qpic.cn/mmbiz_jpg/poster/0', [PHOTO]: 'https://mmbiz.qpic.cn/mmbiz_jpg/photo/0' };

function content(previewCard = false): string {
  const r = renderArticle({ story, imageUrls: urls, appid: APPID, cardImageUrl: null, previewCard });
  if (!r.ok) throw new Error(JSON.stringify(r.problem));
  return r.article.content;
}

describe('a video block in the article', () => {
  it('its poster, never the video, is what goes through uploadimg (in reading order, with the other images)', () => {
    expect(inlineImages(blocks)).toEqual([POSTER, PHOTO]);
  });

  it('becomes the uploaded poster wrapped in a mini-program link to the story, then 「点击观看视频」 linked the same way, then its caption', () => {
    const html = content();
    const path = storyCardPath('s-video', 3).replace(/&/g, '&amp;');
    const link = `<a href="" data-miniprogram-appid="${APPID}" data-miniprogram-path="${path}"`;
    const picture = html.indexOf(`${link} style="display:block;"><img src="${urls[POSTER]}"`);
    expect(picture).toBeGreaterThan(-1);
    const call = html.indexOf(`${link} style="color:#c8102e;">▶ ${VIDEO_CALL}</a>`);
    expect(call).toBeGreaterThan(picture);
    expect(html.indexOf('夜间&lt;演练&gt;')).toBeGreaterThan(call);
    // The video file itself never appears: WeChat filters anything that is not an uploadimg URL.
    expect(html).not.toContain(VIDEO);
    expect(html).not.toContain('<video');
  });

  it('the poster keeps the video’s frame (data-ratio), like an inline image', () => {
    expect(content()).toContain(`data-ratio="0.5625" data-w="480"`);
  });

  it('with no poster uploaded the article is not rendered: the pipeline uploads it first', () => {
    const r = renderArticle({ story, imageUrls: { [PHOTO]: urls[PHOTO] }, appid: APPID, cardImageUrl: null });
    expect(r).toEqual({ ok: false, problem: { kind: 'image_not_uploaded', files: [POSTER] } });
  });

  it('the story with a video and no image of its own still has a card image: the poster', () => {
    const onlyVideo = { ...story, blocks: blocks.slice(0, 2) };
    const r = renderArticle({ story: onlyVideo, imageUrls: urls, appid: APPID, cardImageUrl: null });
    expect(r.ok && r.article.content).toContain(`data-miniprogram-imageurl="${urls[POSTER]}"`);
  });

  it('in the publisher’s preview (a sandboxed frame) the links carry no href, so a tap does not reload the frame', () => {
    const html = content(true);
    expect(html).toContain(`<a data-miniprogram-appid="${APPID}"`);
    expect(html).not.toContain('href=""');
  });
});
