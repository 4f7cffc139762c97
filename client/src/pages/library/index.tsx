import { OfflineBanner } from '../../components/offline-banner';
import { LibraryScreen } from '../../features/library/library-screen';

/** The banner sits above the screen so it shows in every state (loading, error, read from storage). */
export default function LibraryPage() {
  return (
    <>
      <OfflineBanner />
      <LibraryScreen />
    </>
  );
}
