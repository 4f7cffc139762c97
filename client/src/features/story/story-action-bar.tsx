import { Button, Text, View } from '@tarojs/components';
import type { StoryDetail } from '@contract';
import { copyLink } from '../../lib/clipboard';
import { openPoster } from '../../lib/nav';
import { showMomentsTip } from '../../lib/scene';
import { recordShare } from '../../lib/share';
import { LikeButton } from '../../components/like-button';
import { useLike } from '../../components/like-button/use-like';
import './story-action-bar.scss';

/**
 * The story page's bottom bar: like, share, poster. On weapp "分享" is WeChat's own share
 * button (it opens onShareAppMessage); h5 has no share sheet, so it copies the page link.
 */
export function StoryActionBar({ story }: { story: StoryDetail }) {
  const like = useLike('story', story._id, story.likeCount);
  const onShareH5 = () => {
    recordShare(story._id, 'chat');
    copyLink(window.location.href);
  };
  return (
    <View className='story-actions' data-testid='story-actions'>
      <LikeButton {...like} />
      {like.moments ? null : process.env.TARO_ENV === 'weapp' ? (
        <Button className='story-actions__btn' openType='share' plain>
          分享
        </Button>
      ) : (
        <View className='story-actions__btn' role='button' onClick={onShareH5}>
          <Text>分享</Text>
        </View>
      )}
      <View
        className='story-actions__btn story-actions__btn--poster'
        role='button'
        data-testid='make-poster'
        onClick={() => (like.moments ? showMomentsTip('生成海报') : openPoster(story._id))}
      >
        <Text>生成海报</Text>
      </View>
    </View>
  );
}
