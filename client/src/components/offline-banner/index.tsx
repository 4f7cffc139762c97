import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { formatDateTime } from '../../lib/dates';
import { queuedWishes, subscribeOutbox, type QueuedWish } from '../../lib/offline-outbox';
import { useConnectivity, type Connectivity } from '../../lib/offline-state';
import './index.scss';

export interface BannerText {
  title: string;
  /** When the copy on screen was answered, and what waits to be sent. */
  lines: string[];
}

/**
 * What the reader is told about the connection, or null when there is nothing to tell: no
 * network, a server that does not answer, a stored copy on screen, wishes waiting to be sent.
 */
export function bannerText(c: Connectivity, waiting: readonly QueuedWish[]): BannerText | null {
  const stale = c.staleSince !== null;
  let title: string | null = null;
  if (!c.online) title = stale ? '网络已断开，正在显示上次加载的内容' : '网络已断开，看过的内容仍可阅读';
  else if (c.unreachable && stale) title = '暂时连不上服务器，正在显示上次加载的内容';
  else if (stale) title = '正在显示上次加载的内容，下拉刷新可查看最新内容';

  const lines: string[] = [];
  if (c.staleSince !== null) lines.push(`内容更新于 ${formatDateTime(c.staleSince)}`);
  const likes = waiting.filter((w) => w.target.kind === 'story').length;
  const salutes = waiting.length - likes;
  if (waiting.length > 0) {
    const what = [likes ? `${likes} 个点赞` : '', salutes ? `${salutes} 个致敬` : ''].filter(Boolean).join('、');
    const offline = !c.online || c.unreachable;
    lines.push(offline ? `${what}待同步，联网后自动发送` : `正在同步${what}`);
    title ??= offline ? '网络不可用' : '正在同步离线时的操作';
  }
  return title === null ? null : { title, lines };
}

/** The wishes waiting in the outbox, kept current. */
function useQueuedWishes(): QueuedWish[] {
  const [wishes, setWishes] = useState(queuedWishes);
  useEffect(() => {
    const refresh = () => setWishes(queuedWishes());
    // Subscribing also starts the outbox's sending when the network comes back.
    const off = subscribeOutbox(refresh);
    refresh();
    return off;
  }, []);
  return wishes;
}

/**
 * A strip at the top of the reading pages that says when the network is gone and what is
 * being shown instead (the last answers the API client stored), and what waits to be sent.
 */
export function OfflineBanner() {
  const text = bannerText(useConnectivity(), useQueuedWishes());
  if (!text) return null;
  return (
    <View className='offline-banner' role='status' aria-live='polite' data-testid='offline-banner'>
      <Text className='offline-banner__title'>{text.title}</Text>
      {text.lines.map((line) => (
        <Text key={line} className='offline-banner__line'>
          {line}
        </Text>
      ))}
    </View>
  );
}
