import { useState } from 'react';
import Taro from '@tarojs/taro';
import type { CommentView } from '@contract';
import { call } from './api';
import { confirmAction } from './confirm';

/**
 * The writer deletes one of their own 留言 (under the story and in 我的): asked first (a featured
 * one takes its 作者回复 with it), then removed from the list at once; a refusal is the server's
 * reason in a toast and the message stays.
 */
export function useRemoveComment(): { removed: ReadonlySet<string>; remove: (c: Pick<CommentView, '_id' | 'state'>) => Promise<void> } {
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  async function remove(c: Pick<CommentView, '_id' | 'state'>) {
    const sure = await confirmAction({ title: '删除留言', content: c.state === 'featured' ? '删除后，这条精选留言和作者回复将不再对任何人显示。' : '删除后无法恢复。', confirmText: '删除', danger: true });
    if (!sure) return;
    try {
      await call('comments', 'remove', { id: c._id });
      setRemoved((s) => new Set([...s, c._id]));
      void Taro.showToast({ title: '已删除', icon: 'none' });
    } catch (err) {
      void Taro.showToast({ title: (err as Error).message, icon: 'none' });
    }
  }
  return { removed, remove };
}
