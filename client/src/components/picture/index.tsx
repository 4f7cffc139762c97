import type { ComponentProps } from 'react';
import { Image } from '@tarojs/components';

type ImageProps = ComponentProps<typeof Image>;

/** The Image props the app uses; anything else is added here when a page needs it. */
type PictureProps = Pick<ImageProps, 'className' | 'src' | 'mode' | 'lazyLoad' | 'onClick' | 'onLoad'> & {
  /**
   * What the picture shows, in Chinese; '' marks it decorative (what it shows is written beside it,
   * so a screen reader should skip it rather than read the file name).
   */
  alt: string;
};

/**
 * Every picture of the app, with its alt text given once. The two builds take that text in
 * different places, and a wrong place is silently ignored or worse:
 * - h5 (useHtmlComponents) renders `<div class="taro-img" {...rest}><img {...imgProps} /></div>`:
 *   the alt belongs on the inner <img> through `imgProps`. An `ariaLabel` would land on the div
 *   (aria-prohibited-attr) and `nativeProps` would become a junk attribute.
 * - weapp's native image is read by WeChat's screen reader through `aria-label`; imgProps is unknown
 *   there. A decorative picture gets no label.
 * `process.env.TARO_ENV` is replaced at build time, so each build keeps only its own branch.
 * test/tooling/image-alt.test.ts keeps raw <Image> out of the rest of client/src.
 */
export function Picture({ alt, ...image }: PictureProps) {
  if (process.env.TARO_ENV === 'h5') return <Image {...image} imgProps={{ alt }} />;
  return <Image {...image} ariaLabel={alt === '' ? undefined : alt} />;
}
