import { ScrollView, Text, View } from '@tarojs/components';
import type { CampaignCard } from '@contract';
import './index.scss';

/** The feed's row of campaign entries (专题); each opens its campaign page. */
export function CampaignChips({ campaigns, onOpen }: { campaigns: CampaignCard[]; onOpen: (id: string) => void }) {
  if (campaigns.length === 0) return null;
  return (
    <ScrollView className='campaign-chips' scrollX enhanced showScrollbar={false}>
      <View className='campaign-chips__row'>
        {campaigns.map((c, i) => (
          <View
            key={c._id}
            className={`campaign-chip campaign-chip--${i % 4}`}
            onClick={() => onOpen(c._id)}
            data-testid='campaign-chip'
          >
            <Text className='campaign-chip__name'>{c.name}</Text>
            <Text className='campaign-chip__count'>{c.roll && c.storyCount === 0 ? `评出 ${c.roll.length} 人` : `${c.storyCount} 篇事迹`}</Text>
          </View>
        ))}
      </View>
    </ScrollView>
  );
}
