/**
 * Where "is there a network" comes from on each platform: WeChat's network status on weapp
 * (getNetworkType, then onNetworkStatusChange), the browser's navigator.onLine and its
 * online/offline events on h5.
 */
import Taro from '@tarojs/taro';
import { watchNetwork as watchWeapp } from '../../client/src/lib/offline-network.weapp';
import { watchNetwork as watchH5 } from '../../client/src/lib/offline-network.h5';

type StatusListener = (res: { isConnected: boolean; networkType: string }) => void;

/** WeChat's two network APIs, as the mini-program base library answers them. */
function fakeWeChatNetwork(networkType: string) {
  const listeners: StatusListener[] = [];
  let answer: (res: { networkType: string }) => void = () => undefined;
  const pending = new Promise<{ networkType: string }>((resolve) => {
    answer = resolve;
  });
  Object.assign(Taro, {
    onNetworkStatusChange: (l: StatusListener) => listeners.push(l),
    getNetworkType: () => pending,
  });
  return {
    answerType: async () => {
      answer({ networkType });
      await pending;
      await Promise.resolve();
    },
    change: (isConnected: boolean) => listeners.forEach((l) => l({ isConnected, networkType: isConnected ? 'wifi' : 'none' })),
  };
}

describe('the network state on weapp', () => {
  it('starts from getNetworkType ("none" is offline) and follows onNetworkStatusChange', async () => {
    const net = fakeWeChatNetwork('none');
    const seen: boolean[] = [];
    watchWeapp((online) => seen.push(online));
    await net.answerType();
    net.change(true);
    net.change(false);
    expect(seen).toEqual([false, true, false]);
  });

  it('ignores a getNetworkType answer that arrives after a change (the change is newer)', async () => {
    const net = fakeWeChatNetwork('wifi');
    const seen: boolean[] = [];
    watchWeapp((online) => seen.push(online));
    net.change(false);
    await net.answerType();
    expect(seen).toEqual([false]);
  });
});

describe('the network state on h5', () => {
  it('starts from navigator.onLine and follows the online and offline events', () => {
    Object.defineProperty(window.navigator, 'onLine', { configurable: true, get: () => false });
    const seen: boolean[] = [];
    watchH5((online) => seen.push(online));
    window.dispatchEvent(new Event('online'));
    window.dispatchEvent(new Event('offline'));
    expect(seen).toEqual([false, true, false]);
  });
});
