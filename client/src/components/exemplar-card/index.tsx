import { Text, View } from '@tarojs/components';
import type { ExemplarCard as ExemplarCardData } from '@contract';
import { CATEGORY_LABEL, KIND_LABEL } from '../../lib/contract-values';
import { TierBadge } from '../tier-badge';
import { Picture } from '../picture';
import './index.scss';

export function ExemplarCard({ exemplar, onOpen }: { exemplar: ExemplarCardData; onOpen: (id: string) => void }) {
  return (
    <View className='exemplar-card' onClick={() => onOpen(exemplar._id)} data-testid='exemplar-card'>
      <View className={`exemplar-card__photo exemplar-card__photo--${exemplar.kind}`}>
        {exemplar.photo ? (
          // Decorative: the name is right beside it (alt="" keeps screen readers from reading the URL).
          <Picture className='exemplar-card__img' src={exemplar.photo} mode='aspectFill' lazyLoad alt='' />
        ) : (
          <Text className='exemplar-card__initial'>{exemplar.name.slice(0, 1)}</Text>
        )}
      </View>
      <View className='exemplar-card__body'>
        <View className='exemplar-card__head'>
          <Text className='exemplar-card__name'>{exemplar.name}</Text>
          <TierBadge tier={exemplar.tier} />
        </View>
        <Text className='exemplar-card__title'>{exemplar.title}</Text>
        <Text className='exemplar-card__unit'>
          {[KIND_LABEL[exemplar.kind], CATEGORY_LABEL[exemplar.category], exemplar.unit?.shortName].filter(Boolean).join(' · ')}
        </Text>
        <View className='exemplar-card__stats'>
          <Text>荣誉 {exemplar.honorCount}</Text>
          <Text>事迹 {exemplar.storyCount}</Text>
          <Text>致敬 {exemplar.saluteCount}</Text>
        </View>
      </View>
    </View>
  );
}
