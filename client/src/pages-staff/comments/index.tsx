import { ModerationScreen } from '../../features/comments/moderation-screen';

export default function Page() {
  return <ModerationScreen />;
}
