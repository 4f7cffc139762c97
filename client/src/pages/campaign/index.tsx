import { OfflineBanner } from '../../components/offline-banner';
import { CampaignScreen } from '../../features/campaign/campaign-screen';

/** The banner sits above the screen so it shows in every state (loading, error, read from storage). */
export default function CampaignPage() {
  return (
    <>
      <OfflineBanner />
      <CampaignScreen />
    </>
  );
}
