import { MeScreen } from '../../features/me/me-screen';

export default function MePage() {
  return <MeScreen />;
}
