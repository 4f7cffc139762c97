import { FeedScreen } from '../../features/feed/feed-screen';

export default function FeedPage() {
  return <FeedScreen />;
}
