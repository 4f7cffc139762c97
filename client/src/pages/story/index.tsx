import { OfflineBanner } from '../../components/offline-banner';
import { StoryComments } from '../../features/comments/story-comments';
import { StoryScreen } from '../../features/story/story-screen';

/**
 * The story with its 留言 section under it (features compose here, at the page), and the
 * offline banner above it in every state.
 */
export default function StoryPage() {
  return (
    <>
      <OfflineBanner />
      {/* Its own key: the screen's take-down sheet beside it is keyed by the story id. */}
      <StoryScreen footer={(story) => <StoryComments key={`comments-${story._id}`} storyId={story._id} />} />
    </>
  );
}
