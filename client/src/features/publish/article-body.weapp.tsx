import { RichText, View } from '@tarojs/components';

/**
 * The article's HTML (publish.preview: inline-styled section/p/img/a only) as rich-text nodes
 * (weapp): rich-text renders a fixed set of tags with their inline styles and runs nothing.
 */
export function ArticleBody({ html }: { html: string }) {
  return (
    <View className='article-body' style={{ padding: '0 8px 16px', background: '#fff' }}>
      <RichText nodes={html} userSelect />
    </View>
  );
}
