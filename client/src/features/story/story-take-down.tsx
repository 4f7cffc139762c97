import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { STORY_LIMITS, type StoryDetail } from '@contract';
import { call } from '../../lib/api';
import { hasRole } from '../../lib/roles';
import { useAction } from '../../lib/use-action';
import { useResource } from '../../lib/use-resource';
import { ReasonSheet } from '../../components/reason-sheet';
import './story-take-down.scss';

/** The reasons written most often; the field stays free text. */
const PRESETS = ['事迹内容有误，需核实', '当事人申请撤回', '涉及不宜公开的信息'];

/**
 * 撤回此事迹 (reviewers and admins): the story leaves the feed, its campaign and the profiles at
 * once, and its links say 已撤回; the reason is audited. A story on the official account can take
 * its article with it (deleted there by the publish pipeline, once).
 *
 * Offered to anyone holding the reviewer or admin role: the story view does not carry its unit
 * path, so whether it is in this person's subtree is the server's to say (outside_scope, shown
 * in the sheet).
 */
export function StoryTakeDown({ story, onDone }: { story: StoryDetail; onDone: () => void }) {
  // A reader (or a Moments visit without login) just gets no staff action.
  const me = useResource(() => call('identity', 'me', {}), []);
  const [open, setOpen] = useState(false);
  const [deleteArticle, setDeleteArticle] = useState(story.article !== null);
  const action = useAction();

  if (me.state.status !== 'ready' || !(hasRole(me.state.data, 'reviewer') || hasRole(me.state.data, 'admin'))) return null;

  if (!open) {
    return (
      <View className='story-take-down'>
        <View className='story-take-down__link' role='button' data-testid='take-down-open' onClick={() => setOpen(true)}>
          <Text>撤回此事迹（审核员、管理员）</Text>
        </View>
      </View>
    );
  }

  const submit = async (reason: string) => {
    const done = await action.run(() => call('authoring', 'takeDown', { storyId: story._id, reason, deleteArticle: story.article !== null && deleteArticle }));
    if (!done) return;
    void Taro.showToast({ title: done.articleJobs.length > 0 ? '已撤回，公众号文章将在几分钟内删除' : '已撤回', icon: 'none' });
    onDone();
  };

  const article = story.article !== null;
  return (
    <View className='story-take-down story-take-down--open' data-testid='take-down-sheet'>
      {article ? (
        <View
          className={`story-take-down__option${deleteArticle ? ' story-take-down__option--on' : ''}`}
          role='checkbox'
          aria-checked={deleteArticle}
          data-testid='take-down-delete-article'
          onClick={() => setDeleteArticle(!deleteArticle)}
        >
          <Text className='story-take-down__box'>{deleteArticle ? '✓' : ''}</Text>
          <View className='story-take-down__option-text'>
            <Text className='story-take-down__option-title'>同时删除公众号文章</Text>
            <Text className='story-take-down__option-hint'>这篇事迹已发布到公众号“火焰蓝e党建”，删除后无法恢复</Text>
          </View>
        </View>
      ) : null}
      <ReasonSheet
        title='撤回此事迹'
        hint='撤回后立即从动态、专题和典型主页下线，分享链接和海报显示“该事迹已撤回”。操作人和原因记入审计日志；修改后重新审核通过即可再次发布。'
        label='撤回原因（必填）'
        placeholder='如：经核实，事迹中的时间地点有误'
        requiredText='请填写撤回原因'
        maxLength={STORY_LIMITS.comment}
        presets={PRESETS}
        actionText='确认撤回'
        confirm={{
          title: '撤回事迹',
          content: `《${story.title}》将立即对读者下线${article && deleteArticle ? '，公众号上的文章也将删除且无法恢复' : ''}。确定撤回？`,
          confirmText: '撤回',
        }}
        danger
        busy={action.busy}
        error={action.error ? action.error.message : null}
        onCancel={() => {
          action.clear();
          setOpen(false);
        }}
        onSubmit={submit}
        testId='take-down-reason'
      />
    </View>
  );
}
