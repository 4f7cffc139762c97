import { OfflineBanner } from '../../components/offline-banner';
import { FeedScreen } from '../../features/feed/feed-screen';

/** The banner sits above the screen so it shows in every state (loading, error, read from storage). */
export default function FeedPage() {
  return (
    <>
      <OfflineBanner />
      <FeedScreen />
    </>
  );
}
