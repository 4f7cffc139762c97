import { NoticeScreen } from '../../features/nominations/notice-screen';

export default function Page() {
  return <NoticeScreen />;
}
