import { useEffect, useState } from 'react';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { CATEGORY_LABEL, HONOR_LEVELS, HONOR_LEVEL_LABEL, KIND_LABEL, OUTLET_LEVELS, OUTLET_LEVEL_LABEL, PLACEMENT_LEVEL_LABEL } from '@contract';
import type { ExemplarEditView, ExemplarKind, HonorLevel, OutletLevel, PostCategory } from '@contract';
import { ApiFailure, call, toFailure } from '../../lib/api';
import { isId } from '../../lib/ids';
import { pickImage } from '../../lib/image-pick';
import { unitsWithRole } from '../../lib/roles';
import { EXEMPLAR_LIMITS } from '../../lib/schema-limits';
import { routes } from '../../lib/routes';
import { StateView } from '../../components/state-view';
import './authoring.scss';
import { ConsentLinkCard, consentShare, type ConsentLink } from './consent-link-card';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

interface Profile {
  kind: ExemplarKind;
  name: string;
  category: PostCategory;
  title: string;
  summary: string;
  photo: string | null;
  biography: string;
}

/** A client-chosen id, so a retried create cannot make two (the server's addOnce). */
export function newId(prefix: string, now: number = Date.now(), random: () => number = Math.random): string {
  return `${prefix}${now.toString(36)}${Math.floor(random() * 36 ** 6).toString(36).padStart(6, '0')}`;
}

function toast(err: unknown): void {
  void Taro.showToast({ title: toFailure(err).message, icon: 'none' });
}

/**
 * What the consent block says (PIPL art. 25): whether the person's consent counts now, waits
 * for a reviewer's check of the signed form, or is missing (never given, or voided by a rename).
 */
export function consentStatus(consent: ExemplarEditView['consent']): { tone: 'ok' | 'waiting' | 'missing'; text: string } {
  if (!consent) return { tone: 'missing', text: '未取得本人同意，个人典型不能公开发布' };
  if (consent.counts) return { tone: 'ok', text: consent.method === 'in_app' ? '已取得本人同意（本人在小程序内确认）' : '已取得本人同意（签字同意书已由审核员核对）' };
  if (consent.awaitsCheck) return { tone: 'waiting', text: '同意书已上传，待审核员核对' };
  // The only way a recorded consent stops counting without a withdrawal: the profile was renamed.
  return { tone: 'missing', text: '资料姓名已修改，原有同意不再有效，请重新取得本人同意' };
}

function profileOf(v: ExemplarEditView): Profile {
  return { kind: v.kind, name: v.name, category: v.category, title: v.title, summary: v.summary, photo: v.photo, biography: v.biography };
}

/** 典型资料: profile, photo (square, compressed on the device), honors, media placements, consent. */
export function ExemplarEditorScreen() {
  const routeId = useRouter().params.id ?? '';
  const [id] = useState(() => routeId || newId('e'));
  const [unitId, setUnitId] = useState<string | null>(null);
  const [view, setView] = useState<ExemplarEditView | null>(null);
  const [profile, setProfile] = useState<Profile>({ kind: 'individual', name: '', category: 'rescue', title: '', summary: '', photo: null, biography: '' });
  const [error, setError] = useState<ApiFailure | null>(null);
  const [busy, setBusy] = useState(false);
  const [honor, setHonor] = useState({ title: '', level: 'national' as HonorLevel, date: '', awardedBy: '' });
  // The outlet's level (中央/自治区/地州市/县市) is chosen each time: the honours wall counts placements by it.
  // A story's coverage names the story (one record, counted once however many exemplars it features).
  const [placement, setPlacement] = useState<{ outlet: string; level: OutletLevel | null; title: string; date: string; link: string; storyId: string | null }>({ outlet: '', level: null, title: '', date: '', link: '', storyId: null });
  const [consentLink, setConsentLink] = useState<ConsentLink | null>(null);
  const [publishError, setPublishError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    (async () => {
      if (routeId && !isId(routeId)) throw new ApiFailure('NOT_FOUND', 'bad exemplar id in route');
      const me = await call('identity', 'me', {});
      const unit = unitsWithRole(me, 'editor')[0]?._id ?? null;
      if (!unit) throw new ApiFailure('PERMISSION_DENIED', 'not an editor');
      const v = routeId ? await call('authoring', 'exemplar', { id: routeId }) : null;
      if (!live) return;
      setUnitId(v?.unitId ?? unit);
      if (v) {
        setView(v);
        setProfile(profileOf(v));
      }
    })().catch((err) => live && setError(toFailure(err)));
    return () => {
      live = false;
    };
  }, [routeId]);

  // 发给本人 is WeChat's share button: it sends the consent link as a chat card. The page's own
  // share menu never sends the editor page itself.
  useShareAppMessage((res?: { from?: string }) => (res?.from === 'button' && consentLink ? consentShare(consentLink) : { title: '身边典型', path: routes.feed() }));

  const run = async (work: () => Promise<ExemplarEditView | void>) => {
    setBusy(true);
    try {
      const v = await work();
      if (v) setView(v);
      return true;
    } catch (err) {
      toast(err);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const save = async () => {
    // Consent is given under a name: renaming voids it (and a published profile leaves public view).
    if (view?.kind === 'individual' && view.consent && profile.name.trim() !== view.name) {
      const hidden = view.state === 'published' ? '，资料将立即停止公开' : '';
      const answer = await Taro.showModal({ title: '修改姓名', content: `修改姓名后，本人此前的同意将失效${hidden}，需重新取得本人同意。确定修改？`, confirmText: '修改' });
      if (!answer.confirm) return false;
    }
    return saveProfile();
  };

  const saveProfile = () =>
    run(async () => {
      if (!unitId) return;
      const v = await call('authoring', 'saveExemplar', { id, unitId, ...profile });
      void Taro.showToast({ title: '已保存', icon: 'success' });
      // A new exemplar exists once saved: its id goes into the URL (replacing this entry), so a
      // reload or a return to this page reopens it instead of a blank form.
      if (!routeId) void Taro.redirectTo({ url: routes.exemplarEditor({ id: v._id }) });
      return v;
    });

  const choosePhoto = () =>
    run(async () => {
      const picked = await pickImage({ square: true });
      if (!picked) return;
      const up = await call('authoring', 'uploadImage', { purpose: 'photo', base64: picked.base64 });
      setProfile((p) => ({ ...p, photo: up.fileId }));
    });

  const addHonor = async () => {
    if (honor.title.trim() === '' || !DATE_RE.test(honor.date)) {
      void Taro.showToast({ title: '请填写荣誉名称和日期（如 2024-05-01）', icon: 'none' });
      return;
    }
    const done = await run(() => call('authoring', 'saveHonor', { exemplarId: id, honor: { _id: newId('h'), ...honor } }));
    if (done) setHonor({ title: '', level: 'national', date: '', awardedBy: '' });
  };

  const addPlacement = async () => {
    const level = placement.level;
    if (placement.outlet.trim() === '' || !level || placement.title.trim() === '' || !DATE_RE.test(placement.date)) {
      void Taro.showToast({ title: '请填写媒体、媒体级别、标题和日期', icon: 'none' });
      return;
    }
    const { outlet, title, date, storyId } = placement;
    const link = placement.link.trim() === '' ? null : placement.link.trim();
    const done = await run(() => call('authoring', 'savePlacement', { exemplarId: id, placement: { _id: newId('p'), outlet, level, title, date, link, storyId } }));
    if (done) setPlacement({ outlet: '', level: null, title: '', date: '', link: '', storyId: null });
  };

  const requestConsent = () =>
    run(async () => {
      setConsentLink(await call('authoring', 'requestConsent', { exemplarId: id }));
    });

  const uploadSignedForm = () =>
    run(async () => {
      const picked = await pickImage({ square: false });
      if (!picked) return;
      const up = await call('authoring', 'uploadImage', { purpose: 'consent', base64: picked.base64 });
      return call('authoring', 'recordSignedConsent', { exemplarId: id, file: up.fileId });
    });

  // The server decides whether the person's consent counts; its refusal (consent_required,
  // consent_unverified) reads under the button, where the editor is looking.
  const setPublished = async (published: boolean) => {
    setBusy(true);
    setPublishError(null);
    try {
      setView(await call('authoring', 'setExemplarState', { id, state: published ? 'published' : 'draft' }));
      void Taro.showToast({ title: published ? '已公开发布' : '已撤下', icon: 'success' });
    } catch (err) {
      setPublishError(toFailure(err).message);
    } finally {
      setBusy(false);
    }
  };

  if (error) return <StateView kind='error' deniedTitle='仅宣传员可以维护典型资料' error={error} />;
  if (!unitId) return <View className='authoring authoring--loading'>加载中…</View>;
  const set = (patch: Partial<Profile>) => setProfile((p) => ({ ...p, ...patch }));
  const saved = view !== null;
  const needsConsent = profile.kind === 'individual';
  const consent = view ? consentStatus(view.consent) : null;

  return (
    <View className='authoring page--form'>
      <View className='authoring__field'>
        <Text className='authoring__label'>类别</Text>
        <View className='authoring__chips' role='radiogroup' aria-label='个人或集体'>
          {(['individual', 'collective'] as const).map((k) => (
            <View key={k} role='radio' aria-checked={profile.kind === k} className={`authoring__chip${profile.kind === k ? ' authoring__chip--on' : ''}`} onClick={() => set({ kind: k })}>
              {KIND_LABEL[k]}
            </View>
          ))}
        </View>
      </View>
      <View className='authoring__field'>
        <Text className='authoring__label'>姓名 / 单位名称</Text>
        <Input className='authoring__input' aria-label='名称' value={profile.name} maxlength={EXEMPLAR_LIMITS.name} onInput={(e) => set({ name: e.detail.value })} />
      </View>
      <View className='authoring__field'>
        <Text className='authoring__label'>职务或口号</Text>
        <Input className='authoring__input' aria-label='职务' value={profile.title} maxlength={EXEMPLAR_LIMITS.title} onInput={(e) => set({ title: e.detail.value })} />
      </View>
      <View className='authoring__field'>
        <Text className='authoring__label'>岗位类别</Text>
        <View className='authoring__chips'>
          {(Object.keys(CATEGORY_LABEL) as PostCategory[]).map((c) => (
            <Text key={c} className={`authoring__chip${profile.category === c ? ' authoring__chip--on' : ''}`} onClick={() => set({ category: c })}>
              {CATEGORY_LABEL[c]}
            </Text>
          ))}
        </View>
      </View>
      <View className='authoring__field'>
        <Text className='authoring__label'>照片（裁成正方形，在手机上压缩后上传）</Text>
        <Button className='authoring__tool' size='mini' disabled={busy || undefined} onClick={() => void choosePhoto()}>
          {profile.photo ? '更换照片' : '从相册选择'}
        </Button>
        {profile.photo ? <Text className='authoring__hint'>照片已上传</Text> : null}
      </View>
      <View className='authoring__field'>
        <Text className='authoring__label'>一句话简介</Text>
        <Input className='authoring__input' aria-label='简介' value={profile.summary} maxlength={EXEMPLAR_LIMITS.summary} onInput={(e) => set({ summary: e.detail.value })} />
      </View>
      <View className='authoring__field'>
        <Text className='authoring__label'>事迹简介</Text>
        <Textarea className='authoring__comment' aria-label='事迹简介' value={profile.biography} maxlength={EXEMPLAR_LIMITS.biography} onInput={(e) => set({ biography: e.detail.value })} />
      </View>
      <Button className='authoring__action' type='primary' disabled={busy || profile.name.trim() === '' || undefined} onClick={() => void save()}>
        保存资料
      </Button>

      {saved && view ? (
        <>
          <View className='authoring__section'>
            <Text className='authoring__label'>荣誉（{view.honorCount}）</Text>
            {view.honors.map((h) => (
              <View key={h._id} className='authoring__row' data-testid='honor-row'>
                <Text>{h.date} {HONOR_LEVEL_LABEL[h.level]} · {h.title}{h.awardedBy ? `（${h.awardedBy}）` : ''}</Text>
                <Text className='authoring__link' onClick={() => void run(() => call('authoring', 'removeHonor', { exemplarId: id, honorId: h._id }))}>删除</Text>
              </View>
            ))}
            <Input className='authoring__input' aria-label='荣誉名称' placeholder='荣誉名称' value={honor.title} onInput={(e) => setHonor({ ...honor, title: e.detail.value })} />
            <View className='authoring__chips'>
              {HONOR_LEVELS.map((l) => (
                <Text key={l} className={`authoring__chip${honor.level === l ? ' authoring__chip--on' : ''}`} onClick={() => setHonor({ ...honor, level: l })}>
                  {HONOR_LEVEL_LABEL[l]}
                </Text>
              ))}
            </View>
            <Input className='authoring__input' aria-label='荣誉日期' placeholder='日期 2024-05-01' value={honor.date} onInput={(e) => setHonor({ ...honor, date: e.detail.value })} />
            <Input className='authoring__input' aria-label='授予单位' placeholder='授予单位' value={honor.awardedBy} onInput={(e) => setHonor({ ...honor, awardedBy: e.detail.value })} />
            <Button className='authoring__tool' size='mini' disabled={busy || undefined} onClick={() => void addHonor()}>添加荣誉</Button>
          </View>

          <View className='authoring__section'>
            <Text className='authoring__label'>媒体刊发（{view.placements.length}）</Text>
            {view.placements.map((p) => (
              <View key={p._id} className='authoring__row' data-testid='placement-row'>
                <Text>
                  {p.date} {p.outlet}（{PLACEMENT_LEVEL_LABEL[p.level]}）《{p.title}》{p.story ? ` · 事迹：${p.story.title}` : ''}
                </Text>
                <Text className='authoring__link' onClick={() => void run(() => call('authoring', 'removePlacement', { exemplarId: id, placementId: p._id }))}>删除</Text>
              </View>
            ))}
            <Input className='authoring__input' aria-label='媒体' placeholder='媒体名称' value={placement.outlet} onInput={(e) => setPlacement({ ...placement, outlet: e.detail.value })} />
            <View className='authoring__chips' aria-label='媒体级别'>
              {OUTLET_LEVELS.map((l) => (
                <Text key={l} aria-checked={placement.level === l} className={`authoring__chip${placement.level === l ? ' authoring__chip--on' : ''}`} onClick={() => setPlacement({ ...placement, level: l })}>
                  {OUTLET_LEVEL_LABEL[l]}
                </Text>
              ))}
            </View>
            <Input className='authoring__input' aria-label='稿件标题' placeholder='稿件标题' value={placement.title} onInput={(e) => setPlacement({ ...placement, title: e.detail.value })} />
            <Input className='authoring__input' aria-label='刊发日期' placeholder='日期 2024-05-01' value={placement.date} onInput={(e) => setPlacement({ ...placement, date: e.detail.value })} />
            <Input className='authoring__input' aria-label='链接' placeholder='链接（可选，https://…）' value={placement.link} onInput={(e) => setPlacement({ ...placement, link: e.detail.value })} />
            {view.stories && view.stories.length > 0 ? (
              <View className='authoring__chips' aria-label='刊发的事迹（可选）'>
                {view.stories.map((s) => (
                  <Text
                    key={s._id}
                    aria-checked={placement.storyId === s._id}
                    className={`authoring__chip${placement.storyId === s._id ? ' authoring__chip--on' : ''}`}
                    onClick={() => setPlacement({ ...placement, storyId: placement.storyId === s._id ? null : s._id })}
                  >
                    {`事迹：${s.title}`}
                  </Text>
                ))}
              </View>
            ) : null}
            <Button className='authoring__tool' size='mini' disabled={busy || undefined} onClick={() => void addPlacement()}>添加刊发记录</Button>
          </View>

          {needsConsent && consent ? (
            <View className='authoring__section' data-testid='consent'>
              <Text className='authoring__label'>本人同意（个人信息保护法第二十五条）</Text>
              <Text className={`authoring__consent authoring__consent--${consent.tone}`} data-testid='consent-status'>
                {consent.text}
              </Text>
              {consent.tone === 'ok' ? null : (
                <>
                  {consent.tone === 'waiting' ? <Text className='authoring__hint'>同意书须由上传者以外的审核员核对无误后才算数；也可请本人在小程序内确认。</Text> : null}
                  <View className='authoring__tools'>
                    <Button className='authoring__tool' size='mini' disabled={busy || undefined} onClick={() => void requestConsent()}>发起本人确认</Button>
                    <Button className='authoring__tool' size='mini' disabled={busy || undefined} onClick={() => void uploadSignedForm()}>
                      {consent.tone === 'waiting' ? '重新上传同意书' : '上传签字同意书'}
                    </Button>
                  </View>
                  {consentLink ? <ConsentLinkCard link={consentLink} name={view.name} /> : null}
                </>
              )}
            </View>
          ) : null}

          {publishError ? (
            <View className='authoring__issue authoring__issue--block' role='alert' data-testid='publish-error'>
              <Text>{publishError}</Text>
            </View>
          ) : null}
          <View className='authoring__actions'>
            {view.state === 'published' ? (
              <Button className='authoring__action' disabled={busy || undefined} onClick={() => void setPublished(false)}>
                撤下
              </Button>
            ) : (
              <Button className='authoring__action' type='primary' disabled={busy || undefined} onClick={() => void setPublished(true)}>
                公开发布
              </Button>
            )}
          </View>
        </>
      ) : null}
    </View>
  );
}
