import { ReviewStoryScreen } from '../../features/authoring/review-story-screen';

export default function Page() {
  return <ReviewStoryScreen />;
}
