import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { create as createQr } from 'qrcode';
import { recordTargetShare } from '../../lib/share';
import { useResource } from '../../lib/use-resource';
import { CardSkeleton } from '../../components/skeleton';
import { CODE_BOX, drawPoster, POSTER_HEIGHT, POSTER_WIDTH, type PosterContext } from './poster-layout';
import { loadPosterSubject, posterFacts, type PosterSubject } from './poster-subject';
import { PosterUnavailable } from './poster-unavailable';
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

function pageUrl(route: string): string {
  return `${window.location.origin}${window.location.pathname}#${route}`;
}

/**
 * 生成海报 (h5): the poster of a story or of a profile (poster-subject.ts) on an HTML canvas, with
 * a QR code of its page and a download link.
 */
export function PosterScreen() {
  const params = useRouter().params;
  const { state, reload } = useResource<PosterSubject>(() => loadPosterSubject(params), [params.id, params.kind]);
  const canvas = useRef<HTMLCanvasElement | null>(null);
  const [image, setImage] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  const subject = state.status === 'ready' ? state.data : null;
  useEffect(() => {
    if (!subject || !canvas.current) return;
    let live = true;
    const el = canvas.current;
    const facts = posterFacts(subject);
    void loadImage(facts.cover).then((cover) => {
      if (!live) return;
      const ctx = el.getContext('2d');
      if (!ctx) {
        setFailed(true);
        return;
      }
      drawPoster(ctx as unknown as PosterContext, facts.content({ cover, code: null }, `扫码${facts.action}`));
      drawQr(ctx, pageUrl(facts.route));
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
  }, [subject]);

  if (state.status === 'loading') return <CardSkeleton count={1} variant='detail' />;
  if (state.status === 'error') return <PosterUnavailable kind={params.kind} error={state.error} onRetry={() => void reload()} />;
  const facts = posterFacts(state.data);
  return (
    <View className='page page--phone poster'>
      <canvas
        ref={canvas}
        width={POSTER_WIDTH}
        height={POSTER_HEIGHT}
        className={image ? 'poster__canvas poster__canvas--hidden' : 'poster__canvas'}
        data-testid='poster-canvas'
      />
      {image ? <img className='poster__img' src={image} alt={facts.alt} data-testid='poster-image' /> : null}
      <View className='poster__actions'>
        {image ? (
          <a
            className='poster__btn'
            href={image}
            download={facts.fileName}
            onClick={() => recordTargetShare(facts.target, 'poster')}
            data-testid='poster-download'
          >
            下载海报
          </a>
        ) : (
          <Text className='poster__hint'>{failed ? '海报生成失败，请稍后重试' : '海报生成中…'}</Text>
        )}
      </View>
      <Text className='poster__hint'>{`保存海报分享给朋友，扫码即可${facts.action}`}</Text>
    </View>
  );
}
