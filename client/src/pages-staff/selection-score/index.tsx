import { ScoreScreen } from '../../features/selections/score-screen';

export default function Page() {
  return <ScoreScreen />;
}
