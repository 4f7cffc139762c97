import { Text, Video, View } from '@tarojs/components';
import type { RenderedBlock, Span } from '@contract';
import { Picture } from '../picture';
import './index.scss';

export interface ContentBlocksProps {
  blocks: RenderedBlock[];
  /** Tap on an image: the page opens the previewer over every image of the story. */
  onPreviewImage: (url: string) => void;
  /** Tap on a link: mini-programs cannot open external pages, so the page copies the URL. */
  onCopyLink: (href: string) => void;
}

function Spans({ spans, onCopyLink }: { spans: Span[]; onCopyLink: (href: string) => void }) {
  return (
    <>
      {spans.map((s, i) => {
        const cls = ['span', s.bold ? 'span--bold' : '', s.italic ? 'span--italic' : '', s.href ? 'span--link' : '']
          .filter(Boolean)
          .join(' ');
        const href = s.href;
        return (
          <Text
            key={i}
            className={cls}
            onClick={href ? (e) => { e.stopPropagation(); onCopyLink(href); } : undefined}
          >
            {s.text}
          </Text>
        );
      })}
    </>
  );
}

/** A video's length as a player shows it: 0:42, 1:00. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

/** A portrait clip would fill more than a screen: its frame is capped at 4:5, the picture letterboxed inside. */
const MAX_VIDEO_RATIO = 1.25;

/**
 * Story content rendered natively with View/Text/Image/Video (no rich-text/HTML), so taps on
 * images and links work and nothing unstyled slips through.
 */
export function ContentBlocks({ blocks, onPreviewImage, onCopyLink }: ContentBlocksProps) {
  return (
    <View className='blocks'>
      {blocks.map((b, i) => {
        switch (b.type) {
          case 'heading':
            return (
              <Text key={i} className={`blocks__h blocks__h--${b.level}`}>
                {b.text}
              </Text>
            );
          case 'paragraph':
            return (
              <View key={i} className='blocks__p'>
                <Spans spans={b.spans} onCopyLink={onCopyLink} />
              </View>
            );
          case 'quote':
            return (
              <View key={i} className='blocks__quote'>
                <View className='blocks__quote-text'>
                  <Spans spans={b.spans} onCopyLink={onCopyLink} />
                </View>
                {b.cite ? <Text className='blocks__cite'>—— {b.cite}</Text> : null}
              </View>
            );
          case 'list':
            return (
              <View key={i} className={`blocks__list${b.ordered ? ' blocks__list--ordered' : ''}`} role='list'>
                {b.items.map((item, j) => (
                  <View key={j} className='blocks__li' role='listitem'>
                    <Text className='blocks__marker'>{b.ordered ? `${j + 1}.` : '•'}</Text>
                    <View className='blocks__li-body'>
                      <Spans spans={item} onCopyLink={onCopyLink} />
                    </View>
                  </View>
                ))}
              </View>
            );
          case 'image':
            return (
              <View key={i} className='blocks__figure'>
                <View className='blocks__img-box' style={{ paddingTop: `${(b.height / Math.max(b.width, 1)) * 100}%` }}>
                  <Picture
                    className='blocks__img'
                    src={b.url}
                    mode='aspectFill'
                    lazyLoad
                    alt={b.caption ?? '事迹配图'}
                    onClick={() => onPreviewImage(b.url)}
                  />
                </View>
                {b.caption ? <Text className='blocks__caption'>{b.caption}</Text> : null}
              </View>
            );
          case 'video': {
            const ratio = Math.min(b.height / Math.max(b.width, 1), MAX_VIDEO_RATIO);
            const length = formatDuration(b.durationMs);
            return (
              <View key={i} className='blocks__figure'>
                <View className='blocks__img-box blocks__video-box' style={{ paddingTop: `${ratio * 100}%` }}>
                  {/* Plays in place (weapp same-layer, h5 <video>); the poster is the checked image shown before it plays. */}
                  <Video
                    className='blocks__img'
                    src={b.url}
                    poster={b.poster ?? undefined}
                    controls
                    showCenterPlayBtn
                    objectFit='contain'
                    aria-label={b.caption ? `视频：${b.caption}，时长 ${length}` : `视频，时长 ${length}`}
                  />
                </View>
                <Text className='blocks__caption'>
                  {b.caption ? `${b.caption} · ` : ''}视频 {length}
                </Text>
              </View>
            );
          }
          case 'divider':
            return <View key={i} className='blocks__divider' role='separator' />;
          default:
            return null;
        }
      })}
    </View>
  );
}

/** Every image URL of a story in reading order: the previewer swipes through them. */
export function imageUrls(blocks: RenderedBlock[]): string[] {
  return blocks.flatMap((b) => (b.type === 'image' ? [b.url] : []));
}
