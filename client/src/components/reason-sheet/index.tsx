import { useState, type ReactNode } from 'react';
import { Button, Text, Textarea, View } from '@tarojs/components';
import { confirmAction, type ConfirmOptions } from '../../lib/confirm';
import './index.scss';

export interface ReasonSheetProps {
  title: string;
  /** What happens when this is confirmed, in one or two sentences. */
  hint?: string;
  /** The field's label, e.g. 撤回原因（必填）. */
  label: string;
  placeholder?: string;
  /** An empty reason is refused on the page with this text; undefined: the reason is optional. */
  requiredText?: string;
  maxLength: number;
  /** One-tap reasons put into the field. */
  presets?: readonly string[];
  /** The action button, at most 4 characters (确认撤回…). */
  actionText: string;
  /** Asked before the action runs (irreversible actions). */
  confirm?: Omit<ConfirmOptions, 'confirmText'> & { confirmText?: string };
  danger?: boolean;
  busy: boolean;
  /** The server's refusal, in Chinese (ApiFailure.message). */
  error: string | null;
  onCancel: () => void;
  onSubmit: (reason: string) => void | Promise<void>;
  /** Options that go with the action, under the reason (e.g. 同时删除公众号文章). */
  children?: ReactNode;
  testId?: string;
}

/**
 * The one "give a reason, then act" sheet: return with a comment, withdraw consent, take a story
 * down, reopen a ticked task. The reason is checked on the page, the action confirmed when it
 * cannot be undone, and the server's refusal shown under the field.
 */
export function ReasonSheet(props: ReasonSheetProps) {
  const { title, hint, label, placeholder, requiredText, maxLength, presets, actionText, confirm, danger, busy, error, onCancel, onSubmit, children, testId } = props;
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);

  async function submit() {
    const text = reason.trim();
    if (requiredText && text.length === 0) {
      setMissing(true);
      return;
    }
    setMissing(false);
    if (confirm && !(await confirmAction({ ...confirm, confirmText: confirm.confirmText ?? actionText, danger }))) return;
    await onSubmit(text);
  }

  return (
    <View className='reason-sheet' data-testid={testId}>
      <Text className='reason-sheet__title'>{title}</Text>
      {hint ? <Text className='reason-sheet__hint'>{hint}</Text> : null}
      <Text className='reason-sheet__label'>{label}</Text>
      {presets && presets.length > 0 ? (
        <View className='reason-sheet__presets'>
          {presets.map((p) => (
            <View key={p} className={`reason-sheet__preset${reason === p ? ' reason-sheet__preset--on' : ''}`} role='button' onClick={() => setReason(p)}>
              <Text>{p}</Text>
            </View>
          ))}
        </View>
      ) : null}
      <Textarea
        className='reason-sheet__field'
        placeholderClass='reason-sheet__placeholder'
        aria-label={label}
        value={reason}
        maxlength={maxLength}
        placeholder={placeholder}
        onInput={(e) => setReason(e.detail.value)}
      />
      {children ? <View className='reason-sheet__options'>{children}</View> : null}
      {missing || error ? (
        <View className='reason-sheet__error' role='alert'>
          <Text>{missing ? requiredText : error}</Text>
        </View>
      ) : null}
      <View className='reason-sheet__actions'>
        <Button className='reason-sheet__button' disabled={busy || undefined} onClick={onCancel}>
          取消
        </Button>
        <Button className='reason-sheet__button' type={danger ? 'warn' : 'primary'} disabled={busy || undefined} onClick={() => void submit()}>
          {busy ? '处理中…' : actionText}
        </Button>
      </View>
    </View>
  );
}
