import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { create as createQr } from 'qrcode';
import type { StoryDetail } from '@contract';
import { ApiFailure, call } from '../../lib/api';
import { isId } from '../../lib/ids';
import { routes } from '../../lib/routes';
import { recordShare } from '../../lib/share';
import { useResource } from '../../lib/use-resource';
import { CardSkeleton } from '../../components/skeleton';
import { StoryUnavailable } from '../../components/story-unavailable';
import { CODE_BOX, drawPoster, POSTER_HEIGHT, POSTER_WIDTH, posterContent, type PosterContext } from './poster-layout';
import './poster-screen.scss';

/** Resolves with the loaded image, or null: a poster without its cover is still a poster. */
function loadImage(src: string | null): Promise<HTMLImageElement | null> {
  if (!src) return Promise.resolve(null);
  return new Promise((resolve) => {
    const img = new window.Image();
    // The cover may come from storage on another origin; without CORS it would taint the canvas.
    img.crossOrigin = 'anonymous';
    img.onload = () => resolve(img);
    img.onerror = () => resolve(null);
    img.src = src;
  });
}

/** h5 has no mini-program code: a QR code of the story's page URL stands in for it. */
function drawQr(ctx: CanvasRenderingContext2D, url: string): void {
  const qr = createQr(url, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2;
  const cell = CODE_BOX.size / (n + quiet * 2);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(CODE_BOX.x, CODE_BOX.y, CODE_BOX.size, CODE_BOX.size);
  ctx.fillStyle = '#000000';
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      if (qr.modules.get(r, c)) {
        // Rounding out by a hair avoids hairline gaps between modules that scanners dislike.
        ctx.fillRect(CODE_BOX.x + (c + quiet) * cell, CODE_BOX.y + (r + quiet) * cell, cell + 0.5, cell + 0.5);
      }
    }
  }
}

function pageUrl(id: string): string {
  return `${window.location.origin}${window.location.pathname}#${routes.story({ id })}`;
}

/** 生成海报 (h5): the story's poster on an HTML canvas, with a QR code of its page and a download link. */
export function PosterScreen() {
  const id = useRouter().params.id ?? '';
  const { state, reload } = useResource<StoryDetail>(() => {
    if (!isId(id)) return Promise.reject(new ApiFailure('NOT_FOUND', 'bad story id in route'));
    return call('content', 'story', { id });
  }, [id]);
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const [image, setImage] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  const story = state.status === 'ready' ? state.data : null;
  useEffect(() => {
    if (!story || !canvas.current) return;
    let live = true;
    const el = canvas.current;
    void loadImage(story.cover).then((cover) => {
      if (!live) return;
      const ctx = el.getContext('2d');
      if (!ctx) {
        setFailed(true);
        return;
      }
      drawPoster(ctx as unknown as PosterContext, posterContent(story, { cover, code: null }, '扫码阅读全文'));
      drawQr(ctx, pageUrl(story._id));
      try {
        setImage(el.toDataURL('image/png'));
      } catch {
        // A tainted canvas (cover without CORS): the canvas itself still shows the poster.
        setFailed(true);
      }
    });
    return () => {
      live = false;
    };
  }, [story]);

  if (state.status === 'loading') return <CardSkeleton count={1} variant='detail' />;
  if (state.status === 'error') return <StoryUnavailable error={state.error} onRetry={() => void reload()} />;
  return (
    <View className='page page--phone poster'>
      <canvas
        ref={canvas}
        width={POSTER_WIDTH}
        height={POSTER_HEIGHT}
        className={image ? 'poster__canvas poster__canvas--hidden' : 'poster__canvas'}
        data-testid='poster-canvas'
      />
      {image ? <img className='poster__img' src={image} alt={`${state.data.title} 海报`} data-testid='poster-image' /> : null}
      <View className='poster__actions'>
        {image ? (
          <a
            className='poster__btn'
            href={image}
            download={`身边典型-${state.data.code}.png`}
            onClick={() => recordShare(state.data._id, 'poster')}
            data-testid='poster-download'
          >
            下载海报
          </a>
        ) : (
          <Text className='poster__hint'>{failed ? '海报生成失败，请稍后重试' : '海报生成中…'}</Text>
        )}
      </View>
      <Text className='poster__hint'>保存海报分享给朋友，扫码即可阅读全文</Text>
    </View>
  );
}
