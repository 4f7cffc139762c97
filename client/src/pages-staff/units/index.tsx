import { UnitsScreen } from '../../features/staff-admin/units-screen';

export default function Page() {
  return <UnitsScreen />;
}
