import { ConsentScreen } from '../../features/authoring/consent-screen';

export default function Page() {
  return <ConsentScreen />;
}
