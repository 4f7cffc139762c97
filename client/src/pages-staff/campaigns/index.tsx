import { CampaignsScreen } from '../../features/staff-admin/campaigns-screen';

export default function Page() {
  return <CampaignsScreen />;
}
