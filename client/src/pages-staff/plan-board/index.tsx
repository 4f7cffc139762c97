import { useRouter } from '@tarojs/taro';
import { BoardScreen } from '../../features/plans/board-screen';
import { PlansScreen } from '../../features/plans/plans-screen';
import { PursuitDeadlines } from '../../features/pursuits/deadlines';

/** 挂图作业: one board when `planId` names it, else the year's boards. */
export default function Page() {
  const { planId } = useRouter().params;
  // The honour pursuits' dates within 30 days sit above the year's boards (features/pursuits).
  return planId ? (
    <BoardScreen planId={planId} />
  ) : (
    <>
      <PursuitDeadlines standalone />
      <PlansScreen />
    </>
  );
}
