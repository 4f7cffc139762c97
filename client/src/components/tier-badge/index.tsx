import { Text } from '@tarojs/components';
import type { Tier } from '@contract';
import './index.scss';

const SHORT: Record<Tier, string> = { major: '重大', reserve: '后备', retired: '已退出' };

/** 重大 / 后备 marker; the full library name is the accessible label. */
export function TierBadge({ tier, full }: { tier: Tier; full?: boolean }) {
  const label = full ? { major: '重大先进典型', reserve: '后备典型', retired: '已退出' }[tier] : SHORT[tier];
  return <Text className={`tier-badge tier-badge--${tier}`}>{label}</Text>;
}
