import { act, fireEvent, render, screen, within } from '@testing-library/react';
import type { SearchResult } from '@contract';
import { SearchScreen } from '../../client/src/features/search/search-screen';
import { RECENT_KEY } from '../../client/src/features/search/recent-searches';
import { FeedScreen } from '../../client/src/features/feed/feed-screen';
import { exemplarCard, storyCard } from './support/fixtures';
import { err, ok, serveFunctions } from './support/local-cloud';
import { fake, setRouterParams } from './support/taro-fake';

beforeEach(() => {
  jest.useFakeTimers();
});
afterEach(() => {
  jest.useRealTimers();
});

/** Lets queued promises (the fake network) settle and timers up to `ms` fire. */
async function elapse(ms: number): Promise<void> {
  await act(async () => {
    await jest.advanceTimersByTimeAsync(ms);
  });
}

const found: SearchResult = {
  q: '建军',
  exemplars: { items: [{ card: exemplarCard(1, { name: '王建军', kind: 'individual' }), highlight: { field: 'name', text: '王建军', marks: [[1, 3]] } }], next: null },
  stories: { items: [{ card: storyCard(2, { title: '烈火中的逆行者' }), highlight: { field: 'exemplar', text: '王建军', marks: [[1, 3]] } }], next: 'more-1' },
  suggestions: [],
};
const nothing: SearchResult = { q: '无此人', exemplars: { items: [], next: null }, stories: { items: [], next: null }, suggestions: ['王建', '身边典型•平凡榜样'] };

type Req = { q: string; kind?: string; cursor?: string };

function serveSearch(answer: (r: Req) => SearchResult | ReturnType<typeof err> | Promise<SearchResult | ReturnType<typeof err>> = () => found) {
  return serveFunctions({
    'content.search': async (data) => {
      const out = await answer(data as Req);
      return 'ok' in out ? out : ok(out);
    },
  });
}

const box = () => screen.getByLabelText('搜索内容');
const type = (text: string) => fireEvent.change(box(), { target: { value: text } });
const queries = (served: { calls: { data: unknown }[] }) => served.calls.map((c) => (c.data as Req).q);

describe('as you type', () => {
  it('searches once the typing settles for 300 ms, not on every keystroke', async () => {
    const served = serveSearch();
    render(<SearchScreen />);
    type('王');
    await elapse(100);
    type('王建');
    await elapse(100);
    type('建军');
    await elapse(299);
    expect(served.calls).toEqual([]);
    await elapse(1);
    expect(queries(served)).toEqual(['建军']);
    await elapse(0);
    expect(screen.getByTestId('search-group-exemplar')).toHaveTextContent('王建军');
    expect(screen.getByTestId('search-group-story')).toHaveTextContent('烈火中的逆行者');
  });

  it('shows results in two groups with why each matched, the match marked', async () => {
    serveSearch();
    render(<SearchScreen />);
    type('建军');
    await elapse(300);
    const [person, story] = screen.getAllByTestId('search-highlight');
    expect(person).toHaveTextContent('姓名王建军');
    expect(story).toHaveTextContent('人物王建军');
    expect(within(person!).getByText('建军')).toHaveClass('search-hit__mark');
  });

  it('drops an answer to a query the reader has typed past', async () => {
    let release: (() => void) | null = null;
    serveSearch(
      (r) =>
        new Promise((resolve) => {
          if (r.q === '王') release = () => resolve({ ...found, q: '王', exemplars: { items: [{ ...found.exemplars!.items[0]!, card: exemplarCard(9, { name: '王慢慢' }) }], next: null } });
          else resolve(found);
        }),
    );
    render(<SearchScreen />);
    type('王');
    await elapse(300);
    type('建军');
    await elapse(300);
    expect(screen.getByTestId('search-group-exemplar')).toHaveTextContent('王建军');
    await act(async () => release?.());
    await elapse(0);
    expect(screen.queryByText('王慢慢')).toBeNull();
    expect(screen.getByTestId('search-group-exemplar')).toHaveTextContent('王建军');
  });

  it('loads more of one group with its cursor', async () => {
    const served = serveSearch((r) =>
      r.cursor ? { ...found, exemplars: null, stories: { items: [{ card: storyCard(3, { title: '第二页的事迹' }), highlight: { field: 'title', text: '第二页的事迹', marks: [[0, 3]] } }], next: null } } : found,
    );
    render(<SearchScreen />);
    type('建军');
    await elapse(300);
    fireEvent.click(screen.getByText('查看更多事迹'));
    await elapse(0);
    expect(served.calls.at(-1)?.data).toEqual({ q: '建军', kind: 'story', cursor: 'more-1' });
    expect(screen.getByTestId('search-group-story')).toHaveTextContent('烈火中的逆行者');
    expect(screen.getByTestId('search-group-story')).toHaveTextContent('第二页的事迹');
    expect(screen.queryByText('查看更多事迹')).toBeNull();
  });
});

describe('recent searches', () => {
  it('are kept on the device when a result is opened, newest first, each once, at most ten', async () => {
    fake.storage.set(RECENT_KEY, ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬', '建军']);
    serveSearch();
    render(<SearchScreen />);
    type('建军');
    await elapse(300);
    fireEvent.click(screen.getByText('王建军'));
    expect(fake.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: '/pages/profile/index?id=e1' });
    expect(fake.storage.get(RECENT_KEY)).toEqual(['建军', '甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬']);
  });

  it('the 搜索 button searches at once and remembers; a recent searches again when tapped', async () => {
    const served = serveSearch();
    render(<SearchScreen />);
    type('特勤站');
    fireEvent.click(screen.getByText('搜索'));
    await elapse(0);
    expect(queries(served)).toEqual(['特勤站']);
    expect(fake.storage.get(RECENT_KEY)).toEqual(['特勤站']);
    fireEvent.click(screen.getByLabelText('清空'));
    await elapse(300);
    fireEvent.click(within(screen.getByTestId('recent-searches')).getByText('特勤站'));
    await elapse(0);
    expect(queries(served)).toEqual(['特勤站', '特勤站']);
  });

  it('are cleared only after the reader confirms', async () => {
    fake.storage.set(RECENT_KEY, ['建军', '特勤站']);
    serveSearch();
    render(<SearchScreen />);
    expect(screen.getByTestId('recent-searches')).toHaveTextContent('建军');
    fake.modalAnswer = false;
    fireEvent.click(screen.getByText('清除'));
    await elapse(0);
    expect(fake.modals.at(-1)?.content).toContain('最近搜索');
    expect(fake.storage.get(RECENT_KEY)).toEqual(['建军', '特勤站']);
    fake.modalAnswer = true;
    fireEvent.click(screen.getByText('清除'));
    await elapse(0);
    expect(fake.storage.has(RECENT_KEY)).toBe(false);
    expect(screen.queryByTestId('recent-searches')).toBeNull();
  });
});

describe('nothing found, failures', () => {
  it('says 没有找到 and offers the server’s suggestions, each searchable with one tap', async () => {
    const served = serveSearch((r) => (r.q === '王建' ? found : nothing));
    render(<SearchScreen />);
    type('无此人');
    await elapse(300);
    expect(screen.getByTestId('search-empty')).toHaveTextContent('没有找到“无此人”');
    fireEvent.click(within(screen.getByTestId('search-suggestions')).getByText('王建'));
    await elapse(0);
    expect(queries(served)).toEqual(['无此人', '王建']);
    expect(screen.getByTestId('search-group-exemplar')).toHaveTextContent('王建军');
  });

  it('a page cut short with more to read offers to go on, not 没有找到', async () => {
    serveSearch(() => ({ ...nothing, stories: { items: [], next: 'go-on' }, suggestions: [] }));
    render(<SearchScreen />);
    type('戈壁沙漠');
    await elapse(300);
    expect(screen.queryByTestId('search-empty')).toBeNull();
    expect(screen.getByText('继续查找事迹')).toBeInTheDocument();
  });

  it('offline: says so, and retries', async () => {
    let online = false;
    serveSearch(() => (online ? found : err('UNAVAILABLE')));
    render(<SearchScreen />);
    type('建军');
    await elapse(300);
    expect(screen.getByTestId('state-error')).toHaveTextContent('网络不可用');
    online = true;
    fireEvent.click(screen.getByTestId('state-error'));
    await elapse(0);
    expect(screen.getByTestId('search-group-exemplar')).toHaveTextContent('王建军');
  });

  it('opens with the query the page was given', async () => {
    setRouterParams({ q: encodeURIComponent('王建军') });
    const served = serveSearch();
    render(<SearchScreen />);
    await elapse(0);
    expect(box()).toHaveValue('王建军');
    expect(queries(served)).toEqual(['王建军']);
  });
});

describe('the way in', () => {
  it('the feed’s search bar opens the search page', async () => {
    serveFunctions({ 'content.campaigns': () => ok({ items: [] }), 'content.feed': () => ok({ items: [], next: null }) });
    render(<FeedScreen />);
    await elapse(0);
    fireEvent.click(screen.getByTestId('search-entry'));
    expect(fake.navigations.at(-1)).toEqual({ kind: 'navigateTo', url: '/pages-search/search/index' });
  });
});
