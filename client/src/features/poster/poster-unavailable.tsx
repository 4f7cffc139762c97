import type { ApiFailure } from '../../lib/api';
import { StateView } from '../../components/state-view';
import { StoryUnavailable } from '../../components/story-unavailable';

/** A story or a profile whose poster cannot be made, said as its own page says it. */
export function PosterUnavailable({ kind, error, onRetry }: { kind: string | undefined; error: ApiFailure; onRetry: () => void }) {
  if (kind !== 'exemplar') return <StoryUnavailable error={error} onRetry={onRetry} />;
  if (error.code === 'NOT_FOUND') return <StateView kind='empty' title='该典型不存在或暂未公开' />;
  return <StateView kind='error' error={error} onRetry={onRetry} />;
}
