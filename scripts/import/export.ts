/**
 * An environment's units, exemplars, honours and placements as the import workbook's rows
 * (sheets.ts): what `--export` writes, so a corps can start from what it has, and what the
 * round-trip test imports elsewhere. Unit paths use full names (never ambiguous). Placements
 * tied to no exemplar (a story's) are not part of the workbook and are counted as left out.
 */
import type { Exemplar, Unit } from '@contract';
import { consentHolds } from '../../cloudfunctions/src/domain/consent';
import { CATEGORY_LABEL, HONOR_LEVEL_LABEL, KIND_LABEL, TIER_LABEL, UNIT_LEVEL_LABEL } from '../../types/labels';
import { OUTLET_LEVEL_LABEL } from '../../types/honours';
import type { Environment } from './plan';
import { NO, PATH_SEPARATOR, UNRATED, YES } from './sheets';
import type { SheetRows } from './workbook';

export function exportRows(env: Environment): { rows: SheetRows; leftOut: number } {
  const byId = new Map(env.units.map((u) => [u._id, u]));
  const pathOf = (u: Unit) => u.path.map((id) => byId.get(id)?.name ?? id).join(PATH_SEPARATOR);
  const unitText = (id: string) => {
    const u = byId.get(id);
    return u ? pathOf(u) : '';
  };

  // Tree order: every unit after its parent, siblings by their order.
  const units: Unit[] = [];
  const visit = (parentId: string | null) => {
    for (const u of env.units.filter((x) => x.parentId === parentId).sort((a, b) => a.order - b.order || a.name.localeCompare(b.name))) {
      units.push(u);
      visit(u._id);
    }
  };
  visit(null);

  const exemplars = [...env.exemplars].sort((a, b) => unitText(a.unitId).localeCompare(unitText(b.unitId)) || b.rank - a.rank || a.name.localeCompare(b.name));
  const exemplarById = new Map(env.exemplars.map((e) => [e._id, e]));
  const consentOf = (e: Exemplar): { consent: string; consentEvidence: string } => {
    if (e.kind !== 'individual') return { consent: '', consentEvidence: '' };
    if (!consentHolds(e.consent, e)) return { consent: NO, consentEvidence: '' };
    const c = e.consent!;
    return { consent: YES, consentEvidence: c.method === 'in_app' ? '本人在小程序内确认' : c.evidence.startsWith('cloud://') ? '书面同意书（扫描件在小程序里，已核验）' : c.evidence.replace(/^import:/, '') };
  };
  const owner = (exemplarId: string) => {
    const e = exemplarById.get(exemplarId);
    return e ? { exemplar: e.name, unit: unitText(e.unitId) } : null;
  };
  let leftOut = 0;
  const placementRows: Record<string, string>[] = [];
  for (const p of [...env.placements].sort((a, b) => (a.exemplarId ?? '').localeCompare(b.exemplarId ?? '') || a.date.localeCompare(b.date) || a.title.localeCompare(b.title))) {
    const o = p.exemplarId ? owner(p.exemplarId) : null;
    if (!o) {
      leftOut++;
      continue;
    }
    placementRows.push({ ...o, outlet: p.outlet, level: p.level ? OUTLET_LEVEL_LABEL[p.level] : UNRATED, date: p.date, title: p.title, link: p.link ?? '' });
  }

  return {
    rows: {
      单位: units.map((u) => ({
        parent: u.parentId ? unitText(u.parentId) : '',
        name: u.name,
        shortName: u.shortName,
        level: UNIT_LEVEL_LABEL[u.level],
        order: String(u.order),
      })),
      典型: exemplars.map((e) => ({
        name: e.name,
        kind: KIND_LABEL[e.kind],
        unit: unitText(e.unitId),
        tier: TIER_LABEL[e.tier],
        category: CATEGORY_LABEL[e.category],
        title: e.title,
        summary: e.summary,
        biography: e.biography,
        rank: String(e.rank),
        public: e.state === 'published' ? YES : NO,
        ...consentOf(e),
      })),
      荣誉: [...env.honors]
        .sort((a, b) => a.exemplarId.localeCompare(b.exemplarId) || a.date.localeCompare(b.date) || a.title.localeCompare(b.title))
        .flatMap((h) => {
          const o = owner(h.exemplarId);
          if (!o) {
            leftOut++;
            return [];
          }
          return [{ ...o, title: h.title, level: HONOR_LEVEL_LABEL[h.level], date: h.date, awardedBy: h.awardedBy }];
        }),
      媒体报道: placementRows,
    },
    leftOut,
  };
}
