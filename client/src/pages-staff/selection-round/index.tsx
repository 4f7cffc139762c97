/**
 * A selection round, composed with the nomination form: a winner is proposed for a library by
 * opening 推荐典型 prefilled with them (a nomination the editor completes and submits — never a
 * direct write), after asking before it replaces a draft in progress.
 */
import Taro from '@tarojs/taro';
import { CATEGORY_LABEL, type SelectionCandidateView, type SelectionRoundView } from '@contract';
import { confirmAction } from '../../lib/confirm';
import { routes } from '../../lib/routes';
import { hasNominationDraft, prefillNomination } from '../../features/nominations/form-screen';
import { RoundScreen, type ProposeTarget } from '../../features/selections/round-screen';

async function propose(round: SelectionRoundView, c: SelectionCandidateView, target: ProposeTarget): Promise<void> {
  if (hasNominationDraft()) {
    const sure = await confirmAction({ title: '推荐典型', content: '你有一份尚未提交的推荐草稿，继续将以本评选的人员替换它。', confirmText: '继续' });
    if (!sure) return;
  }
  const place = c.result ? `第 ${c.result.rank} 名（总分 ${c.result.total.toFixed(2)}）` : '';
  const deeds = `在${round.unit?.name ?? ''}${round.period}${CATEGORY_LABEL[round.category]}评选中获评${place}。`;
  const unitId = c.unit?._id ?? round.unit?._id ?? '';
  prefillNomination({
    unitId,
    category: round.category,
    deeds,
    nominee: target === 'major' && c.exemplarId ? { existing: { _id: c.exemplarId, name: c.name, kind: 'individual', category: round.category, unitName: c.unit?.name ?? '' } } : { name: c.name },
  });
  void Taro.navigateTo({ url: routes.newNomination() });
}

export default function Page() {
  return <RoundScreen onPropose={(round, c, target) => void propose(round, c, target)} />;
}
