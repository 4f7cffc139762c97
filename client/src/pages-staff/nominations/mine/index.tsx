import { MyNominationsScreen } from '../../../features/nominations/mine-screen';

export default function Page() {
  return <MyNominationsScreen />;
}
