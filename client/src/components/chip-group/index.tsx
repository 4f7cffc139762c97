import { ScrollView, Text, View } from '@tarojs/components';
import './index.scss';

export interface ChipOption<V extends string> {
  value: V;
  label: string;
}

/** A horizontally scrolling row of single-choice chips (filters, campaigns). */
export function ChipGroup<V extends string>({
  options,
  value,
  onChange,
  label,
}: {
  options: readonly ChipOption<V>[];
  value: V | null;
  onChange: (value: V) => void;
  label: string;
}) {
  return (
    <ScrollView className='chip-group' scrollX enhanced showScrollbar={false} aria-label={label}>
      <View className='chip-group__row' role='radiogroup'>
        {options.map((o) => (
          <View
            key={o.value}
            className={`chip${o.value === value ? ' chip--active' : ''}`}
            role='radio'
            aria-checked={o.value === value}
            onClick={() => onChange(o.value)}
          >
            <Text>{o.label}</Text>
          </View>
        ))}
      </View>
    </ScrollView>
  );
}
