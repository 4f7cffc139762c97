import { useRouter } from '@tarojs/taro';
import { TaskScreen } from '../../features/plans/task-screen';

export default function Page() {
  return <TaskScreen id={useRouter().params.id ?? ''} />;
}
