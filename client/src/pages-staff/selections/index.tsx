import { SelectionsScreen } from '../../features/selections/rounds-screen';

export default function Page() {
  return <SelectionsScreen />;
}
