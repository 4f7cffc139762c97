import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Me } from '@contract';
import './staff-entry.scss';

/** The staff subpackage's home; kept here so the me page does not import staff code. */
const STAFF_HOME = '/pages-staff/home/index';

/** 工作台 entry on the me page: only for callers holding a staff role. */
export function StaffEntry({ me }: { me: Me }) {
  if (me.roles.length === 0) return null;
  return (
    <View className='staff-entry' role='link' onClick={() => void Taro.navigateTo({ url: STAFF_HOME })}>
      <Text className='staff-entry__title'>工作台</Text>
      <Text className='staff-entry__hint'>{`${me.roles.length} 项工作权限 ›`}</Text>
    </View>
  );
}
