import { PursuitScreen } from '../../features/pursuits/pursuit-screen';

export default function Page() {
  return <PursuitScreen />;
}
