import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ResponseOf } from '@contract';
import { copyLink } from '../../lib/clipboard';
import { formatDateTime } from '../../lib/dates';
import { routes } from '../../lib/routes';
import type { ChatShare } from '../../lib/share';
import { Picture } from '../../components/picture';
import './consent-link-card.scss';

export type ConsentLink = ResponseOf<'authoring', 'requestConsent'>;

/** The title of the card the person receives in WeChat chat. */
export const CONSENT_SHARE_TITLE = '请确认公开你的先进事迹';

/** What the share button sends: the consent page with the link's code, as a chat card. */
export function consentShare(link: Pick<ConsentLink, 'code'>): ChatShare {
  return { title: CONSENT_SHARE_TITLE, path: routes.consent({ code: link.code }) };
}

/** The consent page's address in the h5 app (hash router), for copying where there is no WeChat share. */
function h5Address(link: Pick<ConsentLink, 'code'>): string {
  return `${window.location.origin}${window.location.pathname}#${routes.consent({ code: link.code })}`;
}

/**
 * The consent link as the editor passes it on, never as a raw path: a card to send to the
 * person in WeChat chat (WeChat's own share button: the page's onShareAppMessage sends
 * consentShare), and the link's mini-program code to print on paper for them to scan — both
 * with when the link stops working, in Beijing time.
 */
export function ConsentLinkCard({ link, name }: { link: ConsentLink; name: string }) {
  const qr = link.qrCode;
  return (
    <View className='consent-link' data-testid='consent-link'>
      <Text className='consent-link__title'>{`请${name || '本人'}用自己的微信确认`}</Text>
      <Text className='consent-link__expiry' data-testid='consent-link-expiry'>{`有效期至 ${formatDateTime(link.expiresAt)}（北京时间），过期后需重新发起`}</Text>
      <View className='consent-link__ways'>
        <View className='consent-link__way'>
          <Text className='consent-link__way-title'>发给本人</Text>
          {process.env.TARO_ENV === 'weapp' ? (
            <Text className='consent-link__hint'>在微信聊天里发给本人，本人点开卡片即可确认。</Text>
          ) : (
            <Text className='consent-link__hint'>复制链接发给本人，本人用自己的微信打开即可确认。</Text>
          )}
          {process.env.TARO_ENV === 'weapp' ? (
            <Button className='consent-link__button' type='primary' openType='share'>
              发给本人
            </Button>
          ) : (
            <Button className='consent-link__button' type='primary' onClick={() => copyLink(h5Address(link))}>
              复制链接
            </Button>
          )}
        </View>
        <View className='consent-link__way'>
          <Text className='consent-link__way-title'>打印扫码</Text>
          <Text className='consent-link__hint'>打印这个小程序码，请本人用微信扫一扫。</Text>
          {qr ? (
            <View className='consent-link__qr-box'>
              <Picture className='consent-link__qr' src={qr} mode='aspectFit' alt='本人确认小程序码' />
              <Button className='consent-link__button' onClick={() => void Taro.previewImage({ current: qr, urls: [qr] })}>
                查看大图
              </Button>
            </View>
          ) : (
            <Text className='consent-link__missing' data-testid='consent-link-no-code'>
              小程序码暂时没有生成，可以先发送卡片，或稍后重新发起本人确认。
            </Text>
          )}
        </View>
      </View>
    </View>
  );
}
