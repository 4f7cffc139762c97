import Taro from '@tarojs/taro';

/**
 * weapp: WeChat's network status. getNetworkType answers asynchronously; a change reported
 * before it answers is newer, so the first answer is then ignored.
 */
export function watchNetwork(onChange: (online: boolean) => void): void {
  let changed = false;
  Taro.onNetworkStatusChange((res) => {
    changed = true;
    onChange(res.isConnected);
  });
  Taro.getNetworkType().then(
    (res) => {
      if (!changed) onChange(res.networkType !== 'none');
    },
    // Unknown: keep assuming a network; a call that gets no answer says otherwise.
    () => undefined,
  );
}
