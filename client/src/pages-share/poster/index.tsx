import { PosterScreen } from '../../features/poster/poster-screen';

export default function PosterPage() {
  return <PosterScreen />;
}
