import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Me } from '@contract';
import { routes } from '../../lib/routes';
import './staff-entry.scss';

/** 工作台 entry on the me page, for callers holding a staff role: it links to the staff subpackage, never imports it. */
export function StaffEntry({ me }: { me: Me }) {
  if (me.roles.length === 0) return null;
  return (
    <View className='staff-entry' role='link' onClick={() => void Taro.navigateTo({ url: routes.staffHome() })}>
      <Text className='staff-entry__title'>工作台</Text>
      <Text className='staff-entry__hint'>{`${me.roles.length} 项工作权限 ›`}</Text>
    </View>
  );
}
