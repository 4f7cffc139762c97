import { OfflineBanner } from '../../components/offline-banner';
import { ProfileScreen } from '../../features/profile/profile-screen';

/** The banner sits above the screen so it shows in every state (loading, error, read from storage). */
export default function ProfilePage() {
  return (
    <>
      <OfflineBanner />
      <ProfileScreen />
    </>
  );
}
