import { Text, View } from '@tarojs/components';
import './selections.scss';

/** One choice among a few, as chips (unit, category): the selections forms share it. */
export function Choices<T extends string>({ label, value, options, onChange }: { label: string; value: T | null; options: readonly (readonly [T, string])[]; onChange: (v: T) => void }) {
  return (
    <View className='sel__row'>
      <Text className='sel__muted'>{label}</Text>
      <View className='sel__choices' role='radiogroup' aria-label={label}>
        {options.map(([v, text]) => (
          <View key={v} className={`sel__choice${v === value ? ' sel__choice--on' : ''}`} role='radio' aria-checked={v === value} onClick={() => onChange(v)}>
            {text}
          </View>
        ))}
      </View>
    </View>
  );
}

/** The round's state as a chip. */
export const STATE_LABEL = { open: { text: '评分中', tone: 'warn' }, closed: { text: '已结束评分', tone: 'neutral' }, published: { text: '结果已公布', tone: 'ok' } } as const;
