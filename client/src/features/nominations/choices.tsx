import { Text, View } from '@tarojs/components';
import './nominations.scss';

/** One choice among a few, as chips (推荐单位, 类别, 拟入库…): the nomination and revise forms share it. */
export function Choices<T extends string>({ label, value, options, onChange }: { label: string; value: T; options: [T, string][]; onChange: (v: T) => void }) {
  return (
    <View className='nom__sheet'>
      <Text className='nom__muted'>{label}</Text>
      <View className='nom__choices' role='radiogroup' aria-label={label}>
        {options.map(([v, text]) => (
          <View key={v} className={`nom__choice${v === value ? ' nom__choice--on' : ''}`} role='radio' aria-checked={v === value} onClick={() => onChange(v)}>
            {text}
          </View>
        ))}
      </View>
    </View>
  );
}
