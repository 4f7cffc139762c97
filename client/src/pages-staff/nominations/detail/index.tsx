import { NominationDetailScreen } from '../../../features/nominations/detail-screen';

export default function Page() {
  return <NominationDetailScreen />;
}
