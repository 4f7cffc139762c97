import { StoryScreen } from '../../features/story/story-screen';

export default function StoryPage() {
  return <StoryScreen />;
}
