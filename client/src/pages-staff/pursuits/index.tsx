import { PursuitsScreen } from '../../features/pursuits/pursuits-screen';

export default function Page() {
  return <PursuitsScreen />;
}
