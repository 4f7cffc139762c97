import { StaffHome } from '../../features/staff-admin/staff-home';

export default function Page() {
  return <StaffHome />;
}
