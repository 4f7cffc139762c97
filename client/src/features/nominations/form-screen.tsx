/**
 * 推荐典型: the nomination form. Validated with the shared schema before sending (the server
 * validates again); the draft and its requestKey live in local storage until the server
 * confirms, so a lost answer or a closed app never loses the text, and a retry never makes a
 * second nomination. Asks for the decision subscribe message before submitting.
 */
import { useEffect, useMemo, useState } from 'react';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { CATEGORY_LABEL, KIND_LABEL, NOMINATION_LIMITS, TIER_LABEL, nominationSchemas, type ExemplarKind, type PostCategory } from '@contract';
import { call, fieldErrors, toFailure } from '../../lib/api';
import { pickImage } from '../../lib/image-pick';
import { unitsWithRole } from '../../lib/roles';
import { routes } from '../../lib/routes';
import { useResource } from '../../lib/use-resource';
import { StateView } from '../../components/state-view';
import { Choices } from './choices';
import { ExemplarPicker, type PickedExemplar } from './exemplar-picker';
import { requestSubscribe } from './subscribe';
import { DECISION_TEMPLATE } from './templates';
import { Picture } from '../../components/picture';
import './nominations.scss';

export const DRAFT_KEY = 'nomination.draft';

/** The request paths the form shows an error beside. */
const FIELD_PATHS = ['nominee', 'nominee.new.name', 'nominee.exemplarId', 'deeds', 'attachments', 'consentForm'];

export interface Draft {
  requestKey: string;
  unitId: string;
  kind: ExemplarKind;
  name: string;
  category: PostCategory;
  targetTier: 'reserve' | 'major';
  deeds: string;
  attachments: { fileId: string; preview: string }[];
  consentForm: string | null;
  consentConfirmed: boolean;
  /**
   * Set when the nominee is an exemplar already in the reserve library (a promotion to the major
   * library); absent in drafts saved before the picker existed, which read as a new nominee.
   */
  existing?: PickedExemplar | null;
}

function newKey(): string {
  return `n${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

function emptyDraft(unitId: string): Draft {
  return { requestKey: newKey(), unitId, kind: 'individual', name: '', category: 'rescue', targetTier: 'reserve', deeds: '', attachments: [], consentForm: null, consentConfirmed: false };
}

function loadDraft(): Draft | null {
  const raw: unknown = Taro.getStorageSync(DRAFT_KEY);
  return raw && typeof raw === 'object' && typeof (raw as Draft).requestKey === 'string' ? (raw as Draft) : null;
}

/** Whether a nomination draft is waiting in this device's storage (prefilling would replace it). */
export function hasNominationDraft(): boolean {
  return loadDraft() !== null;
}

/**
 * Opens the form on a nominee chosen elsewhere (a 岗位标兵 winner): a fresh draft with the person,
 * the category and a first line of deeds, replacing any saved draft. It is still a nomination the
 * editor completes and submits, never a direct write to a library.
 */
export function prefillNomination(p: { unitId: string; category: PostCategory; deeds: string; nominee: { name: string } | { existing: PickedExemplar } }): void {
  const base = emptyDraft(p.unitId);
  const draft: Draft =
    'existing' in p.nominee
      ? { ...base, category: p.category, deeds: p.deeds, existing: p.nominee.existing, targetTier: 'major' }
      : { ...base, category: p.category, deeds: p.deeds, kind: 'individual', name: p.nominee.name, targetTier: 'reserve' };
  Taro.setStorageSync(DRAFT_KEY, draft);
}

export function NominationFormScreen() {
  const me = useResource(() => call('identity', 'me', {}), []);
  const [draft, setDraft] = useState<Draft | null>(() => loadDraft());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const units = useMemo(() => (me.state.status === 'ready' ? unitsWithRole(me.state.data, 'editor') : []), [me.state]);

  useEffect(() => {
    if (!draft && units[0]) setDraft(emptyDraft(units[0]._id));
  }, [draft, units]);
  useEffect(() => {
    if (draft) Taro.setStorageSync(DRAFT_KEY, draft);
  }, [draft]);

  if (me.state.status === 'loading') return <Text className='nom__muted'>加载中…</Text>;
  if (me.state.status === 'error') return <StateView kind='error' error={me.state.error} onRetry={() => void me.reload()} />;
  if (units.length === 0) return <StateView kind='empty' title='需要宣传员角色才能推荐' />;
  if (!draft) return <Text className='nom__muted'>加载中…</Text>;

  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });
  const existing = draft.existing ?? null;
  /** The existing-exemplar mode is chosen but no exemplar picked yet. */
  const picking = draft.existing === null;
  const nomineeKind = existing ? existing.kind : draft.kind;
  const request = () => ({
    requestKey: draft.requestKey,
    nominatingUnitId: draft.unitId,
    nominee: existing ? { exemplarId: existing._id } : { new: { kind: draft.kind, name: draft.name, unitId: draft.unitId } },
    category: draft.category,
    // A reserve exemplar can only be nominated up: the server refuses a nomination into its own tier.
    targetTier: existing ? ('major' as const) : draft.targetTier,
    deeds: draft.deeds,
    attachments: draft.attachments.map((a) => a.fileId),
    consentForm: nomineeKind === 'individual' ? draft.consentForm : null,
  });

  async function addImage(to: 'attachments' | 'consentForm') {
    if (!draft) return;
    try {
      const picked = await pickImage({ square: false });
      if (!picked) return;
      const { base64 } = picked;
      // Each upload is recorded with its purpose: the server accepts a file only for what it was uploaded for.
      const up = await call('authoring', 'uploadImage', { purpose: to === 'consentForm' ? 'consent' : 'attachment', base64 });
      if (to === 'consentForm') set({ consentForm: up.fileId });
      else set({ attachments: [...draft.attachments, { fileId: up.fileId, preview: `data:image/jpeg;base64,${base64}` }] });
    } catch (err) {
      setFailure(toFailure(err).message);
    }
  }

  async function submit() {
    if (!draft) return;
    const parsed = nominationSchemas.submit.safeParse(request());
    const next: Record<string, string> = {};
    if (!parsed.success) for (const i of parsed.error.issues) next[i.path.join('.')] ??= i.message;
    if (picking) next.nominee = '请选择已有典型';
    // An existing exemplar usually has a consent record on file; the server asks for the form when it does not.
    if (!existing && draft.kind === 'individual' && (!draft.consentConfirmed || !draft.consentForm)) next.consentForm = '个人推荐须经本人同意并上传签字同意书';
    setErrors(next);
    if (!parsed.success || Object.keys(next).length > 0) return;
    // Must run inside the tap: WeChat shows the subscribe dialog only for a user gesture.
    await requestSubscribe([DECISION_TEMPLATE]);
    setBusy(true);
    setFailure(null);
    try {
      await call('nominations', 'submit', parsed.data);
      // Only the server's confirmation clears the local copy.
      Taro.removeStorageSync(DRAFT_KEY);
      void Taro.showToast({ title: '推荐已提交', icon: 'success' });
      void Taro.redirectTo({ url: routes.myNominations() });
    } catch (err) {
      const f = toFailure(err);
      // A refusal that names its fields reads beside them, in the words of its reason (nominee_busy,
      // file_not_accepted…); one attachment's path (`attachments.2`) reads under the attachments.
      const byField: Record<string, string> = {};
      for (const [path, text] of Object.entries(fieldErrors(f))) byField[path.replace(/\.\d+$/, '')] ??= text;
      setErrors(byField);
      // Anything the form has no place for reads at the bottom, so no refusal goes unsaid.
      const placed = Object.keys(byField).length > 0 && Object.keys(byField).every((path) => FIELD_PATHS.includes(path));
      setFailure(placed ? null : f.message);
    } finally {
      setBusy(false);
    }
  }

  const err = (path: string) => (errors[path] ? <View className='nom__error' role='alert'>{errors[path]}</View> : null);
  return (
    <View className='page page--form nom'>
      <View className='nom__card'>
        <Choices label='推荐单位' value={draft.unitId} options={units.map((u) => [u._id, u.shortName] as [string, string])} onChange={(unitId) => set({ unitId })} />
        <Choices
          label='推荐方式'
          value={draft.existing === undefined ? 'new' : 'existing'}
          options={[['new', '推荐新典型'], ['existing', '后备典型升级']]}
          onChange={(mode) => set({ existing: mode === 'new' ? undefined : null })}
        />
        {draft.existing === undefined ? (
          <>
            <Choices label='推荐对象' value={draft.kind} options={[['individual', '个人'], ['collective', '集体']]} onChange={(kind) => set({ kind })} />
            <Text className='nom__muted'>{draft.kind === 'individual' ? '姓名' : '集体名称'}</Text>
            <Input className='nom__input' value={draft.name} maxlength={NOMINATION_LIMITS.nameMax} onInput={(e) => set({ name: e.detail.value })} aria-label='推荐对象名称' />
            {err('nominee.new.name')}
          </>
        ) : existing ? (
          <View className='nom__sheet' data-testid='picked-exemplar'>
            <Text className='nom__title'>{existing.name}</Text>
            <Text className='nom__muted'>{`${KIND_LABEL[existing.kind]} · ${existing.unitName} · 现为${TIER_LABEL.reserve}`}</Text>
            <Button className='nom__secondary' onClick={() => set({ existing: null })}>重新选择</Button>
          </View>
        ) : (
          <ExemplarPicker unitId={draft.unitId} onPick={(picked) => set({ existing: picked, category: picked.category })} />
        )}
        {err('nominee')}
        {err('nominee.exemplarId')}
        <Choices label='类别' value={draft.category} options={Object.entries(CATEGORY_LABEL) as [PostCategory, string][]} onChange={(category) => set({ category })} />
        {draft.existing === undefined ? (
          <Choices label='拟入库' value={draft.targetTier} options={[['reserve', TIER_LABEL.reserve], ['major', TIER_LABEL.major]]} onChange={(targetTier) => set({ targetTier })} />
        ) : (
          <Text className='nom__muted'>{`拟入库：${TIER_LABEL.major}`}</Text>
        )}
        <Text className='nom__muted'>{`事迹材料（${[...draft.deeds].length}/${NOMINATION_LIMITS.deedsMax}）`}</Text>
        <Textarea className='nom__textarea' value={draft.deeds} maxlength={NOMINATION_LIMITS.deedsMax} onInput={(e) => set({ deeds: e.detail.value })} aria-label='事迹材料' />
        {err('deeds')}
        <View className='nom__thumbs'>
          {draft.attachments.map((a, i) => (
            <Picture key={a.fileId} className='nom__thumb' src={a.preview} mode='aspectFill' alt={`事迹材料图片 ${i + 1}`} />
          ))}
        </View>
        {draft.attachments.length < NOMINATION_LIMITS.attachmentsMax ? <Button className='nom__secondary' onClick={() => void addImage('attachments')}>添加图片</Button> : null}
        {err('attachments')}
        {existing && existing.kind === 'individual' ? <Text className='nom__muted'>该典型如尚无本人同意记录，请一并上传签字同意书</Text> : null}
        {nomineeKind === 'individual' && draft.existing !== null ? (
          <View className='nom__sheet'>
            <View className='nom__choices'>
              <View className={`nom__choice${draft.consentConfirmed ? ' nom__choice--on' : ''}`} role='checkbox' aria-checked={draft.consentConfirmed} onClick={() => set({ consentConfirmed: !draft.consentConfirmed })}>
                {draft.consentConfirmed ? '✓ 本人已同意' : '本人同意'}
              </View>
              <Text className='nom__muted'>被推荐人已书面同意公开其个人信息（个人信息保护法第二十五条）</Text>
            </View>
            <Button className='nom__secondary' onClick={() => void addImage('consentForm')}>{draft.consentForm ? '已上传同意书，重新上传' : '上传签字同意书'}</Button>
            {err('consentForm')}
          </View>
        ) : null}
        {failure ? <View className='nom__error' role='alert'>{failure}</View> : null}
        <Button className='nom__primary' disabled={busy || undefined} loading={busy || undefined} onClick={() => void submit()}>提交推荐</Button>
      </View>
    </View>
  );
}
