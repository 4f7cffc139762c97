import { PlacementsScreen } from '../../features/honours/placements-screen';

export default function PlacementsPage() {
  return <PlacementsScreen />;
}
