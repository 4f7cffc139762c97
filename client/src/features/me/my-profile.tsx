import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import type { Id, Me, UnitRef } from '@contract';
import { call, fieldErrors } from '../../lib/api';
import { useAction } from '../../lib/use-action';
import { ChipGroup, type ChipOption } from '../../components/chip-group';
import { NAME_INPUT_MAX, nameProblem } from './person-name';

/** The chip for "no unit" (chips need a string value). */
const NO_UNIT = '';

/** The units the caller holds a role in, each once, in the order of their roles. */
function unitsHeld(me: Me): UnitRef[] {
  const seen = new Map<Id, UnitRef>();
  for (const r of me.roles) if (!seen.has(r.unit._id)) seen.set(r.unit._id, r.unit);
  return [...seen.values()];
}

/**
 * 我的资料 (staff only): the name and unit grants, reviews and the audit log show for the caller.
 * Without a profile it opens as a form: staff are named, not numbered.
 */
export function MyProfile({ me, onSaved }: { me: Me; onSaved: () => void }) {
  const profile = me.profile;
  const units = unitsHeld(me);
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(profile?.name ?? '');
  const [unitId, setUnitId] = useState<string>(profile ? (profile.unit?._id ?? NO_UNIT) : (units[0]?._id ?? NO_UNIT));
  const [problem, setProblem] = useState<string | null>(null);
  const action = useAction();

  if (me.roles.length === 0) return null;
  const open = editing || !profile;

  function startEditing() {
    setName(profile?.name ?? '');
    setUnitId(profile?.unit?._id ?? NO_UNIT);
    setProblem(null);
    action.clear();
    setEditing(true);
  }

  async function save() {
    const wrong = nameProblem(name);
    setProblem(wrong);
    if (wrong) return;
    const saved = await action.run(() => call('identity', 'saveProfile', { name: name.trim(), unitId: unitId === NO_UNIT ? null : unitId }), '已保存');
    if (saved) {
      setEditing(false);
      onSaved();
    }
  }

  if (!open) {
    return (
      <View className='section me-profile' data-testid='my-profile'>
        <View className='me-profile__head'>
          <Text className='section-title'>我的资料</Text>
          <Button className='me-profile__edit' onClick={startEditing}>
            修改
          </Button>
        </View>
        <View className='me-profile__line'>
          <Text className='me-profile__label'>姓名</Text>
          <Text className='me-profile__value'>{profile.name}</Text>
        </View>
        <View className='me-profile__line'>
          <Text className='me-profile__label'>单位</Text>
          <Text className='me-profile__value'>{profile.unit?.name ?? '未填写'}</Text>
        </View>
      </View>
    );
  }

  const unitOptions: ChipOption<string>[] = [...units.map((u) => ({ value: u._id, label: u.shortName })), { value: NO_UNIT, label: '不显示单位' }];
  const serverSaid = action.error ? (fieldErrors(action.error).name ?? fieldErrors(action.error).unitId ?? action.error.message) : null;
  const error = problem ?? serverSaid;
  return (
    <View className='section me-profile' data-testid='my-profile'>
      <Text className='section-title'>我的资料</Text>
      {profile ? null : <Text className='me-profile__hint'>请填写你的姓名：授权、审核和操作记录中将显示你的姓名和单位，而不是一串编号。</Text>}
      <Text className='me-profile__field'>你的姓名</Text>
      <Input
        className='me-profile__input'
        value={name}
        maxlength={NAME_INPUT_MAX}
        placeholder='如：王磊'
        aria-label='你的姓名'
        onInput={(e) => setName(e.detail.value)}
      />
      <Text className='me-profile__field'>所在单位</Text>
      <ChipGroup label='所在单位' options={unitOptions} value={unitId} onChange={setUnitId} />
      {error ? (
        <View className='me-profile__error' role='alert'>
          <Text>{error}</Text>
        </View>
      ) : null}
      <View className='me-profile__actions'>
        {profile ? (
          <Button className='me-profile__cancel' onClick={() => setEditing(false)}>
            取消
          </Button>
        ) : null}
        <Button className='me-profile__save' disabled={action.busy || undefined} onClick={() => void save()}>
          {action.busy ? '正在保存…' : '保存'}
        </Button>
      </View>
    </View>
  );
}
