/**
 * On weapp the native button draws a tap itself; the page must not re-render for it (a
 * re-render would re-send page data on every tap). The hook behind the button proves it:
 * built for weapp it does not render on a tap, only when the server confirms or corrects;
 * built for h5 the React button is drawn from the hook, so it renders at once.
 */
import { act, render } from '@testing-library/react';
import { BUTTON_DRAWS_TAPS, useLike, type LikeBinding } from '../../client/src/components/like-button/use-like';
import { ok, serveFunctions } from './support/local-cloud';

function serve() {
  return serveFunctions({
    'engagement.status': () => ok({ items: [{ target: { kind: 'story', id: 's1' }, liked: false, count: 11 }] }),
    'engagement.setLike': (d) => ok({ target: { kind: 'story', id: 's1' }, liked: (d as { liked: boolean }).liked, count: 11 + ((d as { liked: boolean }).liked ? 1 : 0) }),
  });
}

/** The build decides (process.env.TARO_ENV is replaced at build time); tests pick each platform's value. */
function mount(platform: 'weapp' | 'h5') {
  const renders: LikeBinding[] = [];
  function Probe() {
    renders.push(useLike('story', 's1', 11, platform === 'weapp'));
    return null;
  }
  render(<Probe />);
  return renders;
}

const wait = (ms: number) => act(async () => void (await new Promise((r) => setTimeout(r, ms))));

describe('the like hook per platform', () => {
  it('is built to let the button draw taps only on weapp (this suite runs as the h5 build)', () => {
    expect(BUTTON_DRAWS_TAPS).toBe(false);
  });

  it('on weapp: a tap renders nothing; the server answer renders once with a new rev', async () => {
    serve();
    const renders = mount('weapp');
    await wait(20);
    const settled = renders.length;
    const rev = renders.at(-1)!.rev;
    act(() => renders.at(-1)!.onWant(true));
    expect(renders).toHaveLength(settled);
    await wait(450);
    expect(renders.length).toBe(settled + 1);
    expect(renders.at(-1)!.view).toEqual({ liked: true, count: 12 });
    expect(renders.at(-1)!.rev).toBe(rev + 1);
  });

  it('on h5: a tap renders the flipped view at once, without a new rev', async () => {
    serve();
    const renders = mount('h5');
    await wait(20);
    const settled = renders.length;
    const rev = renders.at(-1)!.rev;
    act(() => renders.at(-1)!.onWant(true));
    expect(renders.length).toBe(settled + 1);
    expect(renders.at(-1)!.view).toEqual({ liked: true, count: 12 });
    expect(renders.at(-1)!.rev).toBe(rev);
  });
});
