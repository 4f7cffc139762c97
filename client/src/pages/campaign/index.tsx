import { CampaignScreen } from '../../features/campaign/campaign-screen';

export default function CampaignPage() {
  return <CampaignScreen />;
}
