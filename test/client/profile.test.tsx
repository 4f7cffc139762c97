import { fireEvent, render, screen, within } from '@testing-library/react';
import type { HonorGroup } from '@contract';
import { ProfileScreen } from '../../client/src/features/profile/profile-screen';
import { NOW, profile, storyCard } from './support/fixtures';
import { err, ok, serveFunctions } from './support/local-cloud';
import { setRouterParams } from './support/taro-fake';

// Deliberately out of order, as a careless server might send them.
const honorGroups: HonorGroup[] = [
  { level: 'county', honors: [{ _id: 'h4', title: '县优秀消防员', level: 'county', date: '2021-01-05', awardedBy: '米东区' }] },
  {
    level: 'national',
    honors: [
      { _id: 'h1', title: '全国青年岗位能手', level: 'national', date: '2021-04-30', awardedBy: '共青团中央' },
      { _id: 'h0', title: '全国五一劳动奖章', level: 'national', date: '2023-05-01', awardedBy: '全国总工会' },
    ],
  },
  { level: 'regional', honors: [{ _id: 'h2', title: '自治区道德模范', level: 'regional', date: '2022-09-10', awardedBy: '自治区文明委' }] },
];

beforeEach(() => {
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
  setRouterParams({ id: 'e1' });
});
afterEach(() => jest.restoreAllMocks());

describe('a profile', () => {
  it('shows the header: name, tier, title, unit, kind, category and stats', async () => {
    serveFunctions({
      'content.profile': () => ok(profile({ name: '张伟', tier: 'major', honorCount: 4, storyCount: 2, saluteCount: 37 })),
    });
    render(<ProfileScreen />);
    expect(await screen.findByText('张伟')).toBeInTheDocument();
    expect(screen.getByText('重大先进典型')).toHaveClass('tier-badge--major');
    expect(screen.getByText('一级消防士 · 特勤站班长')).toBeInTheDocument();
    expect(screen.getByText('乌鲁木齐支队特勤站')).toBeInTheDocument();
    expect(screen.getByText('个人')).toBeInTheDocument();
    expect(screen.getByText('灭火救援尖兵')).toBeInTheDocument();
    // The salute count lives on the salute button (engagement): label then count.
    expect(screen.getByTestId('like-exemplar')).toHaveTextContent('致敬37');
    expect(screen.getByText('扎根基层十余年。')).toBeInTheDocument();
  });

  it('marks a reserve exemplar as 后备', async () => {
    serveFunctions({ 'content.profile': () => ok(profile({ tier: 'reserve' })) });
    render(<ProfileScreen />);
    expect(await screen.findByText('后备典型')).toHaveClass('tier-badge--reserve');
  });

  it('groups honors by level from national down, newest first, with YYYY年M月 dates', async () => {
    serveFunctions({ 'content.profile': () => ok(profile({ honorGroups })) });
    render(<ProfileScreen />);
    await screen.findByText('全国五一劳动奖章');
    const groups = screen.getAllByTestId('honor-group');
    expect(groups.map((g) => within(g).getByRole('button').textContent)).toEqual(['国家级2项›', '自治区级1项›', '县市级1项›']);
    const national = groups[0]!;
    expect(Array.from(national.querySelectorAll('.hl-title')).map((t) => t.textContent)).toEqual(['全国五一劳动奖章', '全国青年岗位能手']);
    expect(within(national).getByText('2023年5月 · 全国总工会')).toBeInTheDocument();
    expect(within(groups[2]!).getByText('2021年1月 · 米东区')).toBeInTheDocument();
  });

  it('collapses and expands a level on tap', async () => {
    serveFunctions({ 'content.profile': () => ok(profile({ honorGroups })) });
    render(<ProfileScreen />);
    await screen.findByText('全国五一劳动奖章');
    const head = within(screen.getAllByTestId('honor-group')[0]!).getByRole('button');
    fireEvent.click(head);
    expect(screen.queryByText('全国五一劳动奖章')).toBeNull();
    expect(screen.getByText('自治区道德模范')).toBeInTheDocument();
    fireEvent.click(head);
    expect(screen.getByText('全国五一劳动奖章')).toBeInTheDocument();
  });

  it('lists its stories as cards, or says there are none', async () => {
    serveFunctions({ 'content.profile': () => ok(profile({ stories: [storyCard(3)] })) });
    const first = render(<ProfileScreen />);
    expect(await screen.findByText('事迹标题3')).toBeInTheDocument();
    first.unmount();

    serveFunctions({ 'content.profile': () => ok(profile({ stories: [], honorGroups: [] })) });
    render(<ProfileScreen />);
    expect(await screen.findByText('暂无事迹')).toBeInTheDocument();
    expect(screen.getByText('暂无荣誉记录')).toBeInTheDocument();
  });

  it('says the exemplar is not public when the server answers NOT_FOUND', async () => {
    serveFunctions({ 'content.profile': () => err('NOT_FOUND') });
    render(<ProfileScreen />);
    expect(await screen.findByText('该典型不存在或暂未公开')).toBeInTheDocument();
  });
});
