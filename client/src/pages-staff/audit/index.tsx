import { AuditScreen } from '../../features/staff-admin/audit-screen';

export default function Page() {
  return <AuditScreen />;
}
