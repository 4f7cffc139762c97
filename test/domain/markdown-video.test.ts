/**
 * The story language's video block: `![说明](cloud://…/clip.mp4 "video 1280x720 42.5s
 * poster=cloud://…/frame.jpg")` on its own line. A video needs its poster (readers see it before
 * it plays, the official account shows it in the video's place); without one it is left out and
 * the editor is told why. Blocks with videos round-trip through Markdown, so a published story
 * with a video can be edited without loss.
 */
import type { ContentBlock } from '@contract';
import { blocksText, blocksToMarkdown, compileMarkdown, MARKDOWN_LIMITS } from '../../cloudfunctions/src/domain/markdown';

const VIDEO = 'cloud://local-dev.bucket/authoring/video/0a1b2c3d4e5f6a7b/3f9d.mp4';
const POSTER = 'cloud://local-dev.bucket/authoring/story/0a1b2c3d4e5f6a7b/91c2.jpg';

describe('video blocks in the story language', () => {
  it('a video on its own line becomes a video block with its poster, size, length and caption', () => {
    const { blocks, issues } = compileMarkdown(`火场前。\n\n![夜间演练](${VIDEO} "video 480x270 6.023s poster=${POSTER}")\n\n火场后。`);
    expect(blocks).toEqual([
      { type: 'paragraph', spans: [{ text: '火场前。' }] },
      { type: 'video', file: VIDEO, poster: POSTER, width: 480, height: 270, durationMs: 6023, caption: '夜间演练' },
      { type: 'paragraph', spans: [{ text: '火场后。' }] },
    ]);
    expect(issues).toEqual([]);
  });

  it('size, length and poster may come in any order; a missing size or length is left for the server to fill', () => {
    const { blocks } = compileMarkdown(`![](${VIDEO} "video poster=${POSTER} 12s")`);
    expect(blocks).toEqual([{ type: 'video', file: VIDEO, poster: POSTER, width: 1280, height: 720, durationMs: 12_000 }]);
  });

  it('a video without a poster (or with one that is not our file) is left out, with a note saying why', () => {
    for (const title of ['video 480x270 6s', `video 480x270 6s poster=https://example.com/p.jpg`, 'video poster=']) {
      const { blocks, issues } = compileMarkdown(`前\n\n![](${VIDEO} "${title}")`);
      expect(blocks).toEqual([{ type: 'paragraph', spans: [{ text: '前' }] }]);
      expect(issues).toEqual([{ line: 3, code: 'video_no_poster', message: expect.stringContaining('poster') }]);
    }
  });

  it('a video from outside our storage is left out like such an image', () => {
    const { blocks, issues } = compileMarkdown(`![](https://example.com/v.mp4 "video 6s poster=${POSTER}")`);
    expect(blocks).toEqual([]);
    expect(issues.map((i) => i.code)).toEqual(['image_not_uploaded']);
  });

  it('the title word decides: without "video" first the same target is an image block', () => {
    expect(compileMarkdown(`![](${VIDEO} "480x270")`).blocks).toEqual([{ type: 'image', file: VIDEO, width: 480, height: 270 }]);
    expect(compileMarkdown(`![](${VIDEO} "videos 480x270 poster=${POSTER}")`).blocks[0]?.type).toBe('image');
  });

  it(`at most ${MARKDOWN_LIMITS.maxVideos} videos: the rest are left out with one note each`, () => {
    const src = Array.from({ length: MARKDOWN_LIMITS.maxVideos + 2 }, (_, i) => `![](${VIDEO.replace('3f9d', `v${i}`)} "video 6s poster=${POSTER}")`).join('\n\n');
    const { blocks, issues } = compileMarkdown(src);
    expect(blocks.filter((b) => b.type === 'video')).toHaveLength(MARKDOWN_LIMITS.maxVideos);
    expect(issues.map((i) => i.code)).toEqual(['too_many_videos', 'too_many_videos']);
  });

  it('a caption is text: tags are stripped from it, and it goes into the plain text (search, the content check)', () => {
    const { blocks, issues } = compileMarkdown(`![<b>演练</b>现场](${VIDEO} "video 6s poster=${POSTER}")`);
    expect(blocks[0]).toMatchObject({ type: 'video', caption: '演练现场' });
    expect(issues.map((i) => i.code)).toEqual(['html_removed']);
    expect(blocksText(blocks)).toBe('演练现场');
  });

  it('blocks with videos → Markdown → the same blocks (captions with syntax characters too)', () => {
    const blocks: ContentBlock[] = [
      { type: 'heading', level: 2, text: '演练' },
      { type: 'video', file: VIDEO, poster: POSTER, width: 1080, height: 1920, durationMs: 59_999, caption: '[注] 第*一*段 (1)' },
      { type: 'paragraph', spans: [{ text: '之后。' }] },
      { type: 'video', file: VIDEO, poster: POSTER, width: 640, height: 360, durationMs: 1 },
      { type: 'image', file: POSTER, width: 640, height: 360 },
    ];
    const md = blocksToMarkdown(blocks);
    expect(md).toContain(`"video 1080x1920 59.999s poster=${POSTER}"`);
    const back = compileMarkdown(md);
    expect(back.blocks).toEqual(blocks);
    expect(back.issues).toEqual([]);
  });
});
