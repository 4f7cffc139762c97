/**
 * Forms accept exactly as much text as the contract does: each field is typed one character
 * past the contract's limit (read here from the contract itself, never from the client) and
 * keeps the limit, as the platform's maxlength cuts it.
 */
import { fireEvent, render, screen, within } from '@testing-library/react';
import { STORY_LIMITS, adminSchemas, authoringSchemas, type Me } from '@contract';
import { StoryEditorScreen } from '../../client/src/features/authoring/story-editor';
import { ExemplarEditorScreen } from '../../client/src/features/authoring/exemplar-editor';
import { CampaignsScreen } from '../../client/src/features/staff-admin/campaigns-screen';
import { err, ok, serveFunctions } from './support/local-cloud';
import { setRouterParams } from './support/taro-fake';

const editor: Me = { handle: 'abc', reader: false, roles: [{ role: 'editor', unit: { _id: 'u1', name: '特勤站', shortName: '特勤站', level: 'station' } }] };

function limit(field: { maxLength: number | null }): number {
  if (field.maxLength === null) throw new Error('the contract gives this field no maximum');
  return field.maxLength;
}

/** Types one character more than `max` into the field and answers what it kept. */
function typeOver(field: HTMLElement, max: number): number {
  fireEvent.change(field, { target: { value: '字'.repeat(max + 1) } });
  return (field as HTMLInputElement).value.length;
}

it('the story editor keeps title, summary, byline and text within STORY_LIMITS', async () => {
  // A new story: its id is in the URL from the start, the server has no draft yet.
  setRouterParams({ id: 's-limits' });
  serveFunctions({
    'identity.me': () => ok(editor),
    'authoring.draft': () => err('NOT_FOUND'),
    'authoring.campaignOptions': () => ok({ items: [] }),
    'content.exemplars': () => ok({ items: [], next: null }),
    'authoring.saveDraft': (d) => ok({ version: (d as { baseVersion: number }).baseVersion + 1, updatedAt: 2, issues: [] }),
  });
  render(<StoryEditorScreen />);
  expect(typeOver(await screen.findByLabelText('标题'), STORY_LIMITS.title)).toBe(STORY_LIMITS.title);
  expect(typeOver(screen.getByLabelText('摘要'), STORY_LIMITS.summary)).toBe(STORY_LIMITS.summary);
  expect(typeOver(screen.getByLabelText('署名'), STORY_LIMITS.author)).toBe(STORY_LIMITS.author);
  expect(typeOver(screen.getByLabelText('正文'), STORY_LIMITS.markdown)).toBe(STORY_LIMITS.markdown);
});

it('the exemplar editor keeps the profile within what authoring.saveExemplar accepts', async () => {
  serveFunctions({ 'identity.me': () => ok(editor) });
  render(<ExemplarEditorScreen />);
  const shape = authoringSchemas.saveExemplar.shape;
  const fields: [string, number][] = [
    ['名称', limit(shape.name)],
    ['职务', limit(shape.title)],
    ['简介', limit(shape.summary)],
    ['事迹简介', limit(shape.biography)],
  ];
  await screen.findByLabelText('名称');
  for (const [label, max] of fields) expect(typeOver(screen.getByLabelText(label), max)).toBe(max);
});

it('the campaign form keeps name and description within what admin.saveCampaign accepts, and says the largest order', async () => {
  const served = serveFunctions({ 'admin.listCampaigns': () => ok({ items: [] }) });
  render(<CampaignsScreen />);
  fireEvent.click(await screen.findByRole('button', { name: '新建专题' }));
  const form = screen.getByTestId('campaign-form');
  const shape = adminSchemas.saveCampaign.shape;
  expect(typeOver(within(form).getByLabelText('名称'), limit(shape.name))).toBe(limit(shape.name));
  expect(typeOver(within(form).getByLabelText('简介'), limit(shape.description))).toBe(limit(shape.description));
  fireEvent.change(within(form).getByLabelText('标识'), { target: { value: 'tianshan' } });
  fireEvent.change(within(form).getByLabelText('排序'), { target: { value: 'x' } });
  fireEvent.click(within(form).getByRole('button', { name: '保存' }));
  expect(await within(form).findByRole('alert')).toHaveTextContent(`排序为 0–${shape.order.maxValue} 的整数`);
  expect(served.calls.some((c) => c.action === 'saveCampaign')).toBe(false);
});
