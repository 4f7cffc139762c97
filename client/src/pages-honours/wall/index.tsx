import { HonoursWallScreen } from '../../features/honours/honours-wall-screen';

export default function HonoursWallPage() {
  return <HonoursWallScreen />;
}
