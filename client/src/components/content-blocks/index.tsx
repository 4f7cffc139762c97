import { Image, Text, View } from '@tarojs/components';
import type { RenderedBlock, Span } from '@contract';
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

/**
 * Story content rendered natively with View/Text/Image (no rich-text/HTML), so taps on
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
                  <Image
                    className='blocks__img'
                    src={b.url}
                    mode='aspectFill'
                    lazyLoad
                    onClick={() => onPreviewImage(b.url)}
                  />
                </View>
                {b.caption ? <Text className='blocks__caption'>{b.caption}</Text> : null}
              </View>
            );
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
