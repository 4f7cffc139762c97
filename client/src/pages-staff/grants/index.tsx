import { GrantsScreen } from '../../features/staff-admin/grants-screen';

export default function Page() {
  return <GrantsScreen />;
}
