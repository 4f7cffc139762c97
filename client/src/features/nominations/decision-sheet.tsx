/**
 * A reviewer's decision on a nomination at their level: approve / return / reject with a comment,
 * confirmed before it is sent. An individual nominee's signed consent form that nobody has
 * checked yet (consentAwaitsCheck) must be looked at before approving (PIPL art. 25): the reviewer
 * opens the scan (each view is audited) and ticks that it matches the nominee; only then is
 * approve sent, with `consentChecked: true`.
 */
import { useState } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { NOMINATION_LIMITS, nominationSchemas, type NominationView, type ReviewDecision } from '@contract';
import { call } from '../../lib/api';
import { confirmAction } from '../../lib/confirm';
import { useAction } from '../../lib/use-action';
import { ScanImage } from '../../components/scan-image';
import './nominations.scss';

export const DECISION_LABEL: Record<ReviewDecision, string> = { approve: '通过', return: '退回修改', reject: '不通过' };

type Decided = Pick<NominationView, '_id' | 'nominee' | 'consentAwaitsCheck'>;

/** The nominee's signed consent form still needs a reviewer's eyes before anyone may approve. */
export function needsConsentCheck(item: Decided): boolean {
  return item.nominee.kind === 'individual' && item.consentAwaitsCheck;
}

const CONSENT_CHECK_LABEL = '已核对同意书与被推荐人一致';

/** 查看同意书 and the tick that says it was compared with the nominee. */
function ConsentCheck({ item, checked, onChecked }: { item: Decided; checked: boolean; onChecked: (v: boolean) => void }) {
  const [url, setUrl] = useState<string | null>(null);
  const scan = useAction();

  async function open() {
    const answer = await scan.run(() => call('nominations', 'consentScan', { id: item._id }));
    if (answer) setUrl(answer.url);
  }

  return (
    <View className='nom__consent' data-testid='consent-check'>
      <Text className='nom__consent-title'>本人签字同意书待核对</Text>
      {url ? (
        <View className='nom__scan'>
          <ScanImage url={url} label={`${item.nominee.name}的签字同意书`} hint='点击图片可全屏查看；每次查看都会记入审计日志' />
        </View>
      ) : (
        <>
          {/* Taro's h5 button styles [disabled] and [loading] by presence: false must be left out, not written. */}
          <Button className='nom__secondary' disabled={scan.busy || undefined} loading={scan.busy || undefined} onClick={() => void open()}>
            查看同意书
          </Button>
          <Text className='nom__muted'>每次查看都会记入审计日志</Text>
        </>
      )}
      {scan.error ? <View className='nom__error' role='alert'>{scan.error.message}</View> : null}
      {/* Ticking is offered once the form is on screen: nobody confirms a form they have not seen. */}
      <View
        className={`nom__check${checked ? ' nom__check--on' : ''}${url ? '' : ' nom__check--off'}`}
        role='checkbox'
        aria-checked={checked}
        aria-disabled={url ? undefined : true}
        onClick={() => url && onChecked(!checked)}
      >
        <Text className='nom__check-box'>{checked ? '✓' : ''}</Text>
        <Text>{CONSENT_CHECK_LABEL}</Text>
      </View>
    </View>
  );
}

/** The consent check (when the form awaits one) and the decision, for a reviewer of the level the nomination waits for. */
export function DecisionSheet({ item, onDone }: { item: Decided; onDone: () => void }) {
  const [consentChecked, setConsentChecked] = useState(false);
  const [decision, setDecision] = useState<ReviewDecision>('approve');
  const [comment, setComment] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const send = useAction();
  const blocked = decision === 'approve' && needsConsentCheck(item) && !consentChecked;

  async function submit() {
    if (blocked) return;
    // consentChecked goes out only with an approve the reviewer ticked for.
    const request = { id: item._id, decision, comment, ...(decision === 'approve' && consentChecked ? { consentChecked: true } : {}) };
    const parsed = nominationSchemas.decide.safeParse(request);
    if (!parsed.success) {
      setInvalid(parsed.error.issues[0]?.message ?? '请检查审核意见');
      return;
    }
    setInvalid(null);
    const confirmed = await confirmAction({
      title: '审核决定',
      content: `确定对「${item.nominee.name}」的推荐作出“${DECISION_LABEL[decision]}”决定？`,
      confirmText: DECISION_LABEL[decision],
      danger: decision === 'reject',
    });
    if (!confirmed) return;
    const done = await send.run(() => call('nominations', 'decide', { ...request, comment: parsed.data.comment }), '已提交');
    if (done) onDone();
  }

  const error = invalid ?? send.error?.message ?? null;
  return (
    <View className='nom__decision'>
      {needsConsentCheck(item) ? <ConsentCheck item={item} checked={consentChecked} onChecked={setConsentChecked} /> : null}
      <View className='nom__sheet' data-testid='decision-sheet'>
        <View className='nom__choices' role='radiogroup' aria-label='审核决定'>
          {(['approve', 'return', 'reject'] as const).map((d) => (
            <View key={d} className={`nom__choice${decision === d ? ' nom__choice--on' : ''}`} role='radio' aria-checked={decision === d} onClick={() => setDecision(d)}>
              {DECISION_LABEL[d]}
            </View>
          ))}
        </View>
        <Textarea
          className='nom__textarea'
          value={comment}
          maxlength={NOMINATION_LIMITS.commentMax}
          placeholder={decision === 'approve' ? '审核意见（选填）' : '请填写意见（必填）'}
          onInput={(e) => setComment(e.detail.value)}
          aria-label='审核意见'
        />
        {error ? <View className='nom__error' role='alert'>{error}</View> : null}
        {blocked ? <Text className='nom__muted' data-testid='approve-blocked'>{`通过前请先查看同意书，并勾选“${CONSENT_CHECK_LABEL}”`}</Text> : null}
        <Button className='nom__primary' disabled={send.busy || blocked || undefined} loading={send.busy || undefined} onClick={() => void submit()}>提交审核决定</Button>
      </View>
    </View>
  );
}
