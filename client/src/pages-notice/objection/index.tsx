import { ObjectionScreen } from '../../features/nominations/objection-screen';

export default function ObjectionPage() {
  return <ObjectionScreen />;
}
