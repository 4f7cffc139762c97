import { useEffect, useState } from 'react';
import { Button, Canvas, Image, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { StoryDetail } from '@contract';
import { ApiFailure, call, toFailure } from '../../lib/api';
import { isId } from '../../lib/ids';
import { recordShare } from '../../lib/share';
import { useResource } from '../../lib/use-resource';
import { CardSkeleton } from '../../components/skeleton';
import { StoryUnavailable } from '../../components/story-unavailable';
import { drawPoster, POSTER_HEIGHT, POSTER_WIDTH, posterContent, type PosterContext, type PosterImage } from './poster-layout';
import { savePosterToAlbum } from './save-to-album';
import './poster-screen.scss';

const CANVAS_ID = 'poster-canvas';
/** Drawn at 1.5× the poster units: sharp on a phone, still a small file to save. */
const SCALE = 1.5;

interface CanvasNode {
  width: number;
  height: number;
  getContext(kind: '2d'): (PosterContext & { scale(x: number, y: number): void }) | null;
  createImage(): PosterImage & { onload: (() => void) | null; onerror: (() => void) | null; src: string };
}

function queryCanvas(): Promise<CanvasNode | null> {
  return new Promise((resolve) => {
    Taro.createSelectorQuery()
      .select(`#${CANVAS_ID}`)
      .fields({ node: true, size: true })
      .exec((res: ({ node?: CanvasNode } | null)[]) => resolve(res?.[0]?.node ?? null));
  });
}

/**
 * The canvas appears in the view layer only after Taro's setData for the render that added
 * it has landed: wait for that (nextTick), and look again briefly if it is still missing.
 */
async function canvasNode(): Promise<CanvasNode> {
  await new Promise<void>((resolve) => Taro.nextTick(resolve));
  for (let attempt = 0; attempt < 5; attempt++) {
    const node = await queryCanvas();
    if (node) return node;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('poster canvas node not found');
}

function loadImage(canvas: CanvasNode, src: string | null): Promise<PosterImage | null> {
  if (!src) return Promise.resolve(null);
  return new Promise((resolve) => {
    const img = canvas.createImage();
    img.onload = () => resolve(img);
    img.onerror = () => resolve(null);
    img.src = src;
  });
}

/**
 * 生成海报 (weapp): the poster on a Canvas type="2d" with the story's mini-program code
 * (`engagement.posterCode`, wxacode.getUnlimited with the story's short code as `scene`),
 * exported to an image to preview and save to the album. Lives in a subpackage: it is never
 * a landing page, and it keeps the main package small.
 */
export function PosterScreen() {
  const id = useRouter().params.id ?? '';
  const { state, reload } = useResource<StoryDetail>(() => {
    if (!isId(id)) return Promise.reject(new ApiFailure('NOT_FOUND', 'bad story id in route'));
    return call('content', 'story', { id });
  }, [id]);
  const [file, setFile] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const story = state.status === 'ready' ? state.data : null;
  useEffect(() => {
    if (!story) return;
    let live = true;
    (async () => {
      const [canvas, code] = await Promise.all([canvasNode(), call('engagement', 'posterCode', { storyId: story._id })]);
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d context');
      canvas.width = POSTER_WIDTH * SCALE;
      canvas.height = POSTER_HEIGHT * SCALE;
      ctx.scale(SCALE, SCALE);
      const [cover, codeImage] = await Promise.all([loadImage(canvas, story.cover), loadImage(canvas, code.url)]);
      if (!codeImage) throw new Error('mini-program code image did not load');
      drawPoster(ctx, posterContent(story, { cover, code: codeImage }, '长按识别小程序码，阅读全文'));
      const out = await Taro.canvasToTempFilePath({ canvas: canvas as unknown as Taro.Canvas, fileType: 'png' });
      if (live) setFile(out.tempFilePath);
    })().catch((err: unknown) => {
      if (live) setProblem(err instanceof ApiFailure ? toFailure(err).message : '海报生成失败，请稍后重试');
    });
    return () => {
      live = false;
    };
  }, [story]);

  if (state.status === 'loading') return <CardSkeleton count={1} variant='detail' />;
  if (state.status === 'error') return <StoryUnavailable error={state.error} onRetry={() => void reload()} />;

  const save = async () => {
    if (!file || saving) return;
    setSaving(true);
    const outcome = await savePosterToAlbum(file);
    setSaving(false);
    if (outcome === 'saved') recordShare(state.data._id, 'poster');
  };

  return (
    <View className='page page--phone poster'>
      <Canvas type='2d' id={CANVAS_ID} className={file ? 'poster__canvas poster__canvas--hidden' : 'poster__canvas'} />
      {file ? (
        <Image
          className='poster__img'
          src={file}
          mode='widthFix'
          showMenuByLongpress
          onClick={() => void Taro.previewImage({ current: file, urls: [file] })}
        />
      ) : null}
      <View className='poster__actions'>
        {file ? (
          <Button className='poster__btn' loading={saving || undefined} onClick={() => void save()}>
            保存到相册
          </Button>
        ) : (
          <Text className='poster__hint'>{problem ?? '海报生成中…'}</Text>
        )}
      </View>
      <Text className='poster__hint'>保存海报分享到朋友圈，长按识别小程序码即可阅读</Text>
    </View>
  );
}
