import { InvitesScreen } from '../../features/staff-admin/invites-screen';

export default function Page() {
  return <InvitesScreen />;
}
