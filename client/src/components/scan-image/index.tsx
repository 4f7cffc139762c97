import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Picture } from '../picture';
import './index.scss';

/** A signed paper form is usually portrait A4 (√2 : 1); the real ratio replaces it once the image loads. */
const A4_PORTRAIT = Math.SQRT2;

/**
 * A scanned document shown whole at the width of its column (a consent form is read, not
 * cropped into a thumbnail), tappable to open full screen. The frame keeps the image's own
 * proportions: `widthFix` is not used because Taro's h5 image keeps its default 240px height
 * with it, cutting the page off.
 */
export function ScanImage({ url, label, hint }: { url: string; label: string; hint?: string }) {
  const [ratio, setRatio] = useState(A4_PORTRAIT);
  return (
    <View className='scan-image'>
      <View className='scan-image__frame' style={{ paddingTop: `${(ratio * 100).toFixed(2)}%` }}>
        <Picture
          className='scan-image__img'
          src={url}
          mode='aspectFit'
          alt={label}
          onLoad={(e) => {
            // Typed string | number by Taro; both platforms report pixels as numbers.
            const width = Number(e.detail.width);
            const height = Number(e.detail.height);
            if (width > 0 && height > 0) setRatio(height / width);
          }}
          onClick={() => void Taro.previewImage({ urls: [url], current: url })}
        />
      </View>
      <Text className='scan-image__hint'>{hint ?? '点击图片可全屏查看'}</Text>
    </View>
  );
}
