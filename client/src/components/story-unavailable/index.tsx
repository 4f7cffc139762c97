import type { ApiFailure } from '../../lib/api';
import { StateView } from '../../components/state-view';

/** A story that could not be loaded: gone (NOT_FOUND) reads as offline, anything else offers a retry. */
export function StoryUnavailable({ error, onRetry, goneDetail }: { error: ApiFailure; onRetry: () => void; goneDetail?: string }) {
  if (error.code === 'NOT_FOUND') return <StateView kind='empty' title='该事迹不存在或已下线' detail={goneDetail} />;
  return <StateView kind='error' error={error} onRetry={onRetry} />;
}
