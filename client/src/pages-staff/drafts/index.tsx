import { DraftsScreen } from '../../features/authoring/drafts-screen';

export default function Page() {
  return <DraftsScreen />;
}
