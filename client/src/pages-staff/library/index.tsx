import { LibraryAdminScreen } from '../../features/staff-admin/library-admin-screen';

export default function Page() {
  return <LibraryAdminScreen />;
}
