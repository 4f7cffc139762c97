/**
 * The demo's search keys: what the functions keep current on every write (lib/search-index.ts),
 * cut here by the same domain rule, so the demo is searchable out of the box.
 */
import type { Campaign, Exemplar, Honor, Story, Unit } from '@contract';
import { exemplarSearchIndex, storySearchIndex } from '../../cloudfunctions/src/domain/search';

export function indexForSearch(get: (id: string) => Unit, exemplars: Exemplar[], honors: readonly Honor[], campaigns: readonly Campaign[], stories: Story[]): void {
  const unitPathOf = (path: readonly string[]) => path.map(get);
  for (const e of exemplars) {
    const titles = honors.filter((h) => h.exemplarId === e._id).map((h) => h.title);
    Object.assign(e, exemplarSearchIndex({ name: e.name, kind: e.kind, title: e.title, unitPath: unitPathOf(e.unitPath), honors: titles }));
  }
  const byId = new Map(exemplars.map((e) => [e._id, e]));
  for (const s of stories) {
    const campaign = campaigns.find((c) => c._id === s.campaignId);
    const people = s.exemplarIds.flatMap((id) => {
      const e = byId.get(id);
      return e ? [{ name: e.name, kind: e.kind }] : [];
    });
    Object.assign(s, storySearchIndex({ title: s.title, summary: s.summary, author: s.author, unitPath: unitPathOf(s.unitPath), campaign: campaign?.name ?? null, exemplars: people }));
  }
}
