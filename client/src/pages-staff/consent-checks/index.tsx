import { ConsentCheckScreen } from '../../features/authoring/consent-check-screen';

export default function Page() {
  return <ConsentCheckScreen />;
}
