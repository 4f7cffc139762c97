import { Button, Text, View } from '@tarojs/components';

interface FormFooterProps {
  error: string | null;
  busy: boolean;
  /** The action's name, e.g. 保存 / 提交; while busy it reads 保存中… / 提交中…. */
  action: string;
  onCancel: () => void;
  onSubmit: () => void;
}

/** The end of every staff edit form: the refusal's reason, then 取消 and the action. */
export function FormFooter({ error, busy, action, onCancel, onSubmit }: FormFooterProps) {
  return (
    <>
      {error ? (
        <View className='field__error' role='alert'>
          <Text>{error}</Text>
        </View>
      ) : null}
      <View className='staff__row'>
        <Button className='staff__secondary' onClick={onCancel}>
          取消
        </Button>
        <Button className='staff__primary' disabled={busy || undefined} onClick={onSubmit}>
          {busy ? `${action}中…` : action}
        </Button>
      </View>
    </>
  );
}
