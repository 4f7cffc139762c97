import { HonouredScreen } from '../../features/honours/honoured-screen';

export default function HonouredPage() {
  return <HonouredScreen />;
}
