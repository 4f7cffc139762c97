import { PublishScreen } from '../../features/publish/publish-screen';

export default function Page() {
  return <PublishScreen />;
}
