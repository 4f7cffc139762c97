/**
 * A new exemplar is kept across a reload: once its first save has created it, the editor's URL
 * names it (the entry replaced, as the story editor does), so reloading or coming back reopens
 * it rather than a blank form. Later saves stay on the page.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ExemplarEditView, Me } from '@contract';
import { ExemplarEditorScreen } from '../../client/src/features/authoring/exemplar-editor';
import { ok, serveFunctions } from './support/local-cloud';
import { fake, setRouterParams } from './support/taro-fake';

const STATION = { _id: 'u-s1', name: '天山区特勤消防救援站', shortName: '天山区特勤站', level: 'station' as const };
const editor: Me = { handle: 'a1b2c3d4e5', roles: [{ role: 'editor', unit: STATION }], reader: false };

function saved(req: { id: string; name: string }): ExemplarEditView {
  return {
    _id: req.id, kind: 'individual', tier: 'reserve', name: req.name, title: '', unitId: STATION._id, category: 'rescue', photo: null, photoUrl: null,
    summary: '', biography: '', state: 'draft', consent: null, honorCount: 0, honors: [], placements: [], updatedAt: 1,
  };
}

it('the first save of a new exemplar puts its id in the URL; saving it again does not move', async () => {
  const served = serveFunctions({
    'identity.me': () => ok(editor),
    'authoring.saveExemplar': (d) => ok(saved(d as { id: string; name: string })),
    'authoring.exemplar': (d) => ok(saved({ id: (d as { id: string }).id, name: '王勇' })),
  });
  const first = render(<ExemplarEditorScreen />);
  fireEvent.input(await screen.findByLabelText('名称'), { target: { value: '王勇' } });
  fireEvent.click(screen.getByText('保存资料'));
  await waitFor(() => expect(fake.navigations).toHaveLength(1));
  const id = (served.calls.find((c) => c.action === 'saveExemplar')?.data as { id: string }).id;
  expect(fake.navigations).toEqual([{ kind: 'redirectTo', url: `/pages-staff/exemplar-editor/index?id=${id}` }]);
  first.unmount();

  // The page the URL now names: it loads the exemplar, and another save stays here.
  fake.navigations.length = 0;
  setRouterParams({ id });
  render(<ExemplarEditorScreen />);
  await waitFor(() => expect(screen.getByLabelText('名称')).toHaveValue('王勇'));
  fireEvent.click(screen.getByText('保存资料'));
  await waitFor(() => expect(served.calls.filter((c) => c.action === 'saveExemplar')).toHaveLength(2));
  expect((served.calls.filter((c) => c.action === 'saveExemplar')[1]?.data as { id: string }).id).toBe(id);
  expect(fake.navigations).toEqual([]);
});
