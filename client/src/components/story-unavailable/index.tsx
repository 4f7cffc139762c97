import type { ApiFailure } from '../../lib/api';
import { StateView } from '../../components/state-view';

/**
 * A story that could not be loaded. Taken down by its unit (the server's `story_withdrawn`): a
 * polite 已撤回 page — its share links and posters keep working and say so. Gone otherwise
 * (NOT_FOUND) reads as offline; anything else offers a retry.
 */
export function StoryUnavailable({ error, onRetry, goneDetail }: { error: ApiFailure; onRetry: () => void; goneDetail?: string }) {
  if (error.reason === 'story_withdrawn') {
    return <StateView kind='empty' title='该事迹已撤回' detail={goneDetail ? `发布单位已撤回这篇事迹，感谢你的关注。${goneDetail}` : '发布单位已撤回这篇事迹，感谢你的关注。'} />;
  }
  if (error.code === 'NOT_FOUND') return <StateView kind='empty' title='该事迹不存在或已下线' detail={goneDetail} />;
  return <StateView kind='error' error={error} onRetry={onRetry} />;
}
