import { Button, Text, View } from '@tarojs/components';
import { copyLink } from '../../lib/clipboard';
import { openProfilePoster } from '../../lib/nav';
import { isMomentsSinglePage, showMomentsTip } from '../../lib/scene';
import { recordTargetShare } from '../../lib/share';
import './profile-actions.scss';

/**
 * 分享 and 生成海报 for a person or a station, as a story has them. On weapp 分享 is WeChat's own
 * share button (it opens the page's onShareAppMessage, which counts the share); h5 has no share
 * sheet, so it copies the page link and counts it here. In Moments' single-page mode neither works:
 * 分享 is left out and 生成海报 says to open the mini-program first.
 */
export function ProfileActions({ id }: { id: string }) {
  const moments = isMomentsSinglePage();
  const onShareH5 = () => {
    recordTargetShare({ kind: 'exemplar', id }, 'chat');
    copyLink(window.location.href);
  };
  return (
    <View className='profile-actions' data-testid='profile-actions'>
      {moments ? null : process.env.TARO_ENV === 'weapp' ? (
        <Button className='profile-actions__btn' openType='share' plain>
          分享
        </Button>
      ) : (
        <View className='profile-actions__btn' role='button' data-testid='profile-share' onClick={onShareH5}>
          <Text>分享</Text>
        </View>
      )}
      <View
        className='profile-actions__btn profile-actions__btn--poster'
        role='button'
        data-testid='profile-poster'
        onClick={() => (moments ? showMomentsTip('生成海报') : openProfilePoster(id))}
      >
        <Text>生成海报</Text>
      </View>
    </View>
  );
}
