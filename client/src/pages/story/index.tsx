import { StoryComments } from '../../features/comments/story-comments';
import { StoryScreen } from '../../features/story/story-screen';

/** The story with its 留言 section under it (features compose here, at the page). */
export default function StoryPage() {
  return <StoryScreen footer={(story) => <StoryComments key={story._id} storyId={story._id} />} />;
}
