import { useRouter } from '@tarojs/taro';
import { TaskFormScreen } from '../../features/plans/task-form-screen';

export default function Page() {
  const { planId, id } = useRouter().params;
  return <TaskFormScreen planId={planId ?? ''} id={id ?? null} />;
}
