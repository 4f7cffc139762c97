import { NominationFormScreen } from '../../../features/nominations/form-screen';

export default function Page() {
  return <NominationFormScreen />;
}
