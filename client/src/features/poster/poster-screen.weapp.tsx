import { useEffect, useState } from 'react';
import { Button, Canvas, Image, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { ApiFailure, call, toFailure } from '../../lib/api';
import { recordTargetShare } from '../../lib/share';
import { useResource } from '../../lib/use-resource';
import { CardSkeleton } from '../../components/skeleton';
import { drawPoster, POSTER_HEIGHT, POSTER_WIDTH, type PosterContext, type PosterImage } from './poster-layout';
import { loadPosterSubject, posterFacts, type PosterSubject } from './poster-subject';
import { PosterUnavailable } from './poster-unavailable';
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
 * 生成海报 (weapp): the poster of a story or of a profile (poster-subject.ts) on a Canvas
 * type="2d" with its mini-program code (`engagement.posterCode`, wxacode.getUnlimited with a
 * short code as `scene`), exported to an image to preview and save to the album. Lives in a
 * subpackage: it is never a landing page, and it keeps the main package small.
 */
export function PosterScreen() {
  const params = useRouter().params;
  const { state, reload } = useResource<PosterSubject>(() => loadPosterSubject(params), [params.id, params.kind]);
  const [file, setFile] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const subject = state.status === 'ready' ? state.data : null;
  useEffect(() => {
    if (!subject) return;
    let live = true;
    const facts = posterFacts(subject);
    (async () => {
      const [canvas, code] = await Promise.all([canvasNode(), call('engagement', 'posterCode', facts.codeRequest)]);
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d context');
      canvas.width = POSTER_WIDTH * SCALE;
      canvas.height = POSTER_HEIGHT * SCALE;
      ctx.scale(SCALE, SCALE);
      const [cover, codeImage] = await Promise.all([loadImage(canvas, facts.cover), loadImage(canvas, code.url)]);
      if (!codeImage) throw new Error('mini-program code image did not load');
      drawPoster(ctx, facts.content({ cover, code: codeImage }, `长按识别小程序码，${facts.action}`));
      const out = await Taro.canvasToTempFilePath({ canvas: canvas as unknown as Taro.Canvas, fileType: 'png' });
      if (live) setFile(out.tempFilePath);
    })().catch((err: unknown) => {
      if (live) setProblem(err instanceof ApiFailure ? toFailure(err).message : '海报生成失败，请稍后重试');
    });
    return () => {
      live = false;
    };
  }, [subject]);

  if (state.status === 'loading') return <CardSkeleton count={1} variant='detail' />;
  if (state.status === 'error') return <PosterUnavailable kind={params.kind} error={state.error} onRetry={() => void reload()} />;
  const facts = posterFacts(state.data);

  const save = async () => {
    if (!file || saving) return;
    setSaving(true);
    const outcome = await savePosterToAlbum(file);
    setSaving(false);
    if (outcome === 'saved') recordTargetShare(facts.target, 'poster');
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
          ariaLabel={subject ? posterFacts(subject).alt : '海报'}
          nativeProps={{ alt: subject ? posterFacts(subject).alt : '海报' }}
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
      <Text className='poster__hint'>{`保存海报分享到朋友圈，长按识别小程序码即可${facts.action}`}</Text>
    </View>
  );
}
