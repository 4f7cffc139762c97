import { useCallback, useRef, useState } from 'react';
import { View } from '@tarojs/components';

/** What WeChat's article page puts around the content: a white page, its body font, no margins of its own. */
const FRAME_STYLE =
  'html,body{margin:0;padding:0;background:#fff}body{padding:0 8px 16px;font-family:-apple-system,BlinkMacSystemFont,"PingFang SC","Microsoft YaHei",sans-serif;-webkit-text-size-adjust:100%}img{max-width:100%}';

/**
 * The article's HTML (publish.preview: inline-styled section/p/img/a only) in a sandboxed frame
 * (h5): no script can run in it whatever the markup says, and its styles cannot reach the page.
 * Same-origin (without scripts) only so the page can size the frame to its content.
 */
export function ArticleBody({ html }: { html: string }) {
  const [height, setHeight] = useState(480);
  const frame = useRef<HTMLIFrameElement | null>(null);
  const fit = useCallback(() => {
    const doc = frame.current?.contentDocument;
    if (doc) setHeight(Math.max(200, doc.documentElement.scrollHeight));
  }, []);
  const srcDoc = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><style>${FRAME_STYLE}</style></head><body>${html}</body></html>`;
  return (
    <View className='article-body'>
      <iframe
        ref={frame}
        title='公众号文章预览'
        sandbox='allow-same-origin'
        srcDoc={srcDoc}
        onLoad={fit}
        style={{ display: 'block', width: '100%', height: `${height}px`, border: '0' }}
        data-testid='publish-preview-frame'
      />
    </View>
  );
}
