import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';

/** What Taro.request may hand back; checked before use. */
type WireBody = string | TaroGeneral.IAnyObject | ArrayBuffer;
import { cloudUrl, currentDevOpenid, setDevOpenid, type DevIdentity } from '../../lib/api/dev-identity';
import { ROLE_LABEL } from '../../lib/contract-values';
import { useResource } from '../../lib/use-resource';
import { ApiFailure } from '../../lib/api';

function isIdentity(v: unknown): v is DevIdentity {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  return typeof o.openid === 'string' && typeof o.label === 'string' && typeof o.role === 'string';
}

async function loadIdentities(): Promise<DevIdentity[]> {
  let res: Taro.request.SuccessCallbackResult<WireBody>;
  try {
    res = await Taro.request<WireBody>({ url: cloudUrl('/dev/identities'), method: 'GET' });
  } catch (err) {
    throw new ApiFailure('UNAVAILABLE', String(err));
  }
  if (res.statusCode !== 200 || !Array.isArray(res.data)) {
    throw new ApiFailure('UNAVAILABLE', `GET /dev/identities answered HTTP ${res.statusCode}`);
  }
  return res.data.filter(isIdentity);
}

function roleText(role: string): string {
  return role in ROLE_LABEL ? ROLE_LABEL[role as keyof typeof ROLE_LABEL] : '读者';
}

/**
 * h5 + local cloud only: act as one of the seeded people. The choice is stored and sent as
 * `x-wx-openid`; the me page then asks the server who that is, so what it shows is the
 * server's view, not this list's labels.
 */
export function DevIdentitySwitcher({ onSwitched }: { onSwitched: () => void }) {
  const { state, reload } = useResource(loadIdentities, []);
  const [current, setCurrent] = useState<string | null>(() => currentDevOpenid());

  return (
    <View className='section dev-switcher' data-testid='dev-switcher'>
      <Text className='section-title'>切换身份（本地调试）</Text>
      {state.status === 'loading' ? <Text className='dev-switcher__note'>正在读取本地身份…</Text> : null}
      {state.status === 'error' ? (
        <Text className='dev-switcher__note dev-switcher__note--error' onClick={() => void reload()}>
          本地云未连接，点击重试
        </Text>
      ) : null}
      {state.status === 'ready'
        ? state.data.map((idn) => {
            const active = idn.openid === current;
            return (
              <View
                key={idn.openid}
                className={`dev-switcher__item${active ? ' dev-switcher__item--active' : ''}`}
                role='radio'
                aria-checked={active}
                onClick={() => {
                  if (active) return;
                  setDevOpenid(idn.openid);
                  setCurrent(idn.openid);
                  void Taro.showToast({ title: `已切换为${idn.label}`, icon: 'none' });
                  onSwitched();
                }}
              >
                <View className='dev-switcher__text'>
                  <Text className='dev-switcher__label'>{idn.label}</Text>
                  <Text className='dev-switcher__meta'>
                    {[roleText(idn.role), idn.unitName].filter(Boolean).join(' · ')}
                  </Text>
                </View>
                <Text className='dev-switcher__check'>{active ? '当前' : '切换'}</Text>
              </View>
            );
          })
        : null}
    </View>
  );
}
