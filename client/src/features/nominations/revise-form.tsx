/**
 * 修改后重新提交: the nominator's form for a returned nomination, prefilled from it. The nominee
 * and unit stay as nominated; category, library, deeds and attachments can change. Attachments
 * already on the nomination are kept by their file ids (the server accepts them as already on
 * it); new ones are uploaded as attachments. A new signed consent form is optional: without one,
 * the consent on record stays. Review starts again at the first level.
 */
import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { CATEGORY_LABEL, NOMINATION_LIMITS, TIER_LABEL, nominationSchemas, type MyNomination, type NominationDetail, type PostCategory } from '@contract';
import { call, fieldErrors } from '../../lib/api';
import { pickImage } from '../../lib/image-pick';
import { useAction } from '../../lib/use-action';
import { Choices } from './choices';
import { requestSubscribe } from './subscribe';
import { DECISION_TEMPLATE } from './templates';
import { Picture } from '../../components/picture';
import './nominations.scss';

interface Attachment {
  fileId: string;
  /** A signed link for a file already on the nomination, the picked image's data for a new one; null when no link could be made. */
  preview: string | null;
}

/** The request paths the form shows an error beside; anything else reads at the bottom. */
const FIELD_PATHS = ['category', 'targetTier', 'deeds', 'attachments', 'consentForm'];

export function ReviseForm({ nomination, onCancel, onDone }: { nomination: NominationDetail; onCancel: () => void; onDone: (revised: MyNomination) => void }) {
  const [category, setCategory] = useState<PostCategory>(nomination.category);
  const [targetTier, setTargetTier] = useState<'reserve' | 'major'>(nomination.targetTier);
  const [deeds, setDeeds] = useState(nomination.deeds);
  const [attachments, setAttachments] = useState<Attachment[]>(nomination.attachmentFiles.map((f) => ({ fileId: f.fileId, preview: f.url })));
  const [consentForm, setConsentForm] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const upload = useAction();
  const send = useAction();
  const individual = nomination.nominee.kind === 'individual';
  // An exemplar already in the library is nominated up only: the server refuses its own tier.
  const existing = nomination.nominee.exemplarId !== null;

  async function addImage(purpose: 'attachment' | 'consent') {
    const picked = await pickImage({ square: false });
    if (!picked) return;
    const up = await upload.run(() => call('authoring', 'uploadImage', { purpose, base64: picked.base64 }));
    if (!up) return;
    if (purpose === 'consent') setConsentForm(up.fileId);
    else setAttachments((list) => [...list, { fileId: up.fileId, preview: `data:image/jpeg;base64,${picked.base64}` }]);
  }

  async function submit() {
    const request = { id: nomination._id, category, targetTier, deeds, attachments: attachments.map((a) => a.fileId), consentForm: individual ? consentForm : null };
    const parsed = nominationSchemas.revise.safeParse(request);
    if (!parsed.success) {
      const next: Record<string, string> = {};
      for (const i of parsed.error.issues) next[String(i.path[0] ?? '')] ??= i.message;
      setErrors(next);
      return;
    }
    setErrors({});
    // Must run inside the tap: WeChat shows the subscribe dialog only for a user gesture.
    await requestSubscribe([DECISION_TEMPLATE]);
    const answer = await send.run(() => call('nominations', 'revise', parsed.data), '已重新提交');
    if (answer) onDone(answer.nomination);
  }

  // A refusal that names its fields reads beside them (one attachment's path, `attachments.2`, under the attachments).
  const placed: Record<string, string> = { ...errors };
  if (send.error) for (const [path, text] of Object.entries(fieldErrors(send.error))) placed[path.replace(/\.\d+$/, '')] ??= text;
  const unplaced = send.error && !Object.keys(placed).some((p) => FIELD_PATHS.includes(p)) ? send.error.message : null;
  const err = (path: string) => (placed[path] ? <View className='nom__error' role='alert'>{placed[path]}</View> : null);

  return (
    <View className='nom__card' data-testid='revise-form'>
      <Text className='nom__section'>修改后重新提交</Text>
      <Text className='nom__muted'>重新提交后将从支队审核开始重新审核。</Text>
      <Choices label='类别' value={category} options={Object.entries(CATEGORY_LABEL) as [PostCategory, string][]} onChange={setCategory} />
      {err('category')}
      {existing ? (
        <Text className='nom__muted'>{`拟入库：${TIER_LABEL.major}`}</Text>
      ) : (
        <Choices label='拟入库' value={targetTier} options={[['reserve', TIER_LABEL.reserve], ['major', TIER_LABEL.major]]} onChange={setTargetTier} />
      )}
      {err('targetTier')}
      <Text className='nom__muted'>{`事迹材料（${[...deeds].length}/${NOMINATION_LIMITS.deedsMax}）`}</Text>
      <Textarea className='nom__textarea nom__textarea--tall' value={deeds} maxlength={NOMINATION_LIMITS.deedsMax} onInput={(e) => setDeeds(e.detail.value)} aria-label='事迹材料' />
      {err('deeds')}
      <Text className='nom__muted'>{`图片（${attachments.length}/${NOMINATION_LIMITS.attachmentsMax}）`}</Text>
      {attachments.length > 0 ? (
        <View className='nom__thumbs'>
          {attachments.map((a, i) => (
            <View key={a.fileId} className='nom__thumb-box' data-testid='revise-attachment'>
              {a.preview ? <Picture className='nom__thumb' src={a.preview} mode='aspectFill' alt={`事迹材料图片 ${i + 1}`} /> : <View className='nom__thumb nom__thumb--missing'>图片 {i + 1}</View>}
              <View className='nom__thumb-remove' role='button' aria-label={`移除图片 ${i + 1}`} onClick={() => setAttachments((list) => list.filter((x) => x.fileId !== a.fileId))}>
                ×
              </View>
            </View>
          ))}
        </View>
      ) : null}
      {attachments.length < NOMINATION_LIMITS.attachmentsMax ? (
        <Button className='nom__secondary' disabled={upload.busy || undefined} loading={upload.busy || undefined} onClick={() => void addImage('attachment')}>添加图片</Button>
      ) : null}
      {err('attachments')}
      {individual ? (
        <View className='nom__sheet'>
          <Text className='nom__muted'>{consentForm ? '已上传新的签字同意书，提交后由审核员核对' : '如退回意见要求更换同意书，请重新上传；否则沿用已有的同意书'}</Text>
          <Button className='nom__secondary' disabled={upload.busy || undefined} onClick={() => void addImage('consent')}>{consentForm ? '重新选择同意书' : '上传新的签字同意书（选填）'}</Button>
          {err('consentForm')}
        </View>
      ) : null}
      {upload.error ? <View className='nom__error' role='alert'>{upload.error.message}</View> : null}
      {unplaced ? <View className='nom__error' role='alert'>{unplaced}</View> : null}
      <View className='nom__buttons'>
        <Button className='nom__secondary' disabled={send.busy || undefined} onClick={onCancel}>取消</Button>
        <Button className='nom__primary' disabled={send.busy || upload.busy || undefined} loading={send.busy || undefined} onClick={() => void submit()}>重新提交</Button>
      </View>
    </View>
  );
}
