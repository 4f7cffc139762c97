import { ReviewQueueScreen } from '../../features/authoring/review-queue-screen';

export default function Page() {
  return <ReviewQueueScreen />;
}
