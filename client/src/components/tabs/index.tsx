import { Text, View } from '@tarojs/components';
import './index.scss';

export function Tabs<V extends string>({
  tabs,
  value,
  onChange,
}: {
  tabs: readonly { value: V; label: string }[];
  value: V;
  onChange: (value: V) => void;
}) {
  return (
    <View className='tabs' role='tablist'>
      {tabs.map((t) => (
        <View
          key={t.value}
          className={`tabs__tab${t.value === value ? ' tabs__tab--active' : ''}`}
          role='tab'
          aria-selected={t.value === value}
          onClick={() => onChange(t.value)}
        >
          <Text>{t.label}</Text>
        </View>
      ))}
    </View>
  );
}
