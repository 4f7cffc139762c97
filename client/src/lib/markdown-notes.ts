import type { MarkdownIssueCode, PreviewResult } from '@contract';

/** The story editor's compile notes in Chinese, by the contract's code (a new code without text does not compile). */
export const MARKDOWN_NOTE_TEXT: Record<MarkdownIssueCode, string> = {
  html_removed: '不支持 HTML 标签，已自动去掉',
  image_not_alone: '图片需要单独占一行，这张图片没有发布',
  link_not_http: '链接地址需以 http:// 或 https:// 开头，已按普通文字显示',
  image_not_uploaded: '只能使用上传到本事迹的图片，这张图片没有发布',
  too_many_images: '图片数量超过上限，多出的图片没有发布',
  image_no_size: '图片缺少尺寸信息，已按 4:3 显示',
  too_many_blocks: '段落太多，超出部分没有发布',
  too_long: '正文超过字数上限，超出部分已截去',
  too_deep: '引用或列表嵌套太深，更深的部分没有发布',
  unreadable: '正文无法识别，请检查格式',
  image_unavailable: '有图片或视频无法显示：请使用自己上传或本事迹已有的图片和视频',
  video_no_poster: '视频缺少封面图，这段视频没有发布',
  too_many_videos: '视频数量超过上限（每篇 10 段），多出的视频没有发布',
};

/** One note as the editor shows it: its line, then what it means. */
export function markdownNoteText(issue: PreviewResult['issues'][number]): string {
  const where = issue.line > 0 ? `第 ${issue.line} 行：` : '';
  return where + MARKDOWN_NOTE_TEXT[issue.code];
}
