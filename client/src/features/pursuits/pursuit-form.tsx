/**
 * The form of a pursuit: its organising unit (a new one: where the caller is an admin — the corps
 * or a detachment), name, level, awarding body, window and key dates (e.g. 党委书记向授奖机关汇报),
 * and a note. Saved whole with workboard.savePursuit; the server checks the same rules again.
 */
import { useState } from 'react';
import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import type { HonorLevel, PursuitKeyDate, PursuitView, UnitRef } from '@contract';
import { call } from '../../lib/api';
import { HONOR_LEVEL_LABEL, HONOR_LEVELS, PURSUIT_LIMITS } from '../../lib/contract-values';
import { useAction } from '../../lib/use-action';
import './pursuits.scss';

interface Draft {
  id?: string;
  requestKey: string;
  unitId: string;
  name: string;
  level: HonorLevel;
  awardedBy: string;
  opensOn: string;
  nominationDeadline: string;
  resultOn: string;
  keyDates: PursuitKeyDate[];
  note: string;
}

function newKey(): string {
  return `pu${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}

/** YYYY-MM-DD in China time, `days` from now. */
function chinaDay(days = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

function draftOf(p: PursuitView | null, unitId: string): Draft {
  if (!p) return { requestKey: newKey(), unitId, name: '', level: 'regional', awardedBy: '', opensOn: chinaDay(), nominationDeadline: chinaDay(30), resultOn: chinaDay(60), keyDates: [], note: '' };
  return {
    id: p._id,
    requestKey: newKey(),
    unitId: p.unit?._id ?? unitId,
    name: p.name,
    level: p.level,
    awardedBy: p.awardedBy,
    opensOn: p.opensOn,
    nominationDeadline: p.nominationDeadline,
    resultOn: p.resultOn,
    keyDates: p.keyDates,
    note: p.note,
  };
}

/** What is wrong before it is sent. */
function problem(d: Draft): string | null {
  if (!d.unitId) return '请选择组织单位';
  if (!d.name.trim()) return '请填写荣誉名称';
  if (!d.awardedBy.trim()) return '请填写授予单位';
  if (!(d.opensOn <= d.nominationDeadline && d.nominationDeadline <= d.resultOn)) return '日期须依次为：开始推荐、推荐截止、结果公布';
  if (d.keyDates.some((k) => !k.label.trim())) return '请填写每个关键节点的事项';
  return null;
}

function DateField({ label, value, testId, onChange }: { label: string; value: string; testId: string; onChange: (v: string) => void }) {
  return (
    <Picker mode='date' value={value} onChange={(e) => onChange(String(e.detail.value))} aria-label={label}>
      <View className='pursuit-form__date' data-testid={testId}>
        <Text className='pursuit-form__date-label'>{label}</Text>
        <Text>{value}</Text>
      </View>
    </Picker>
  );
}

export function PursuitForm({ initial, units, onSaved, onCancel }: { initial: PursuitView | null; units: readonly UnitRef[]; onSaved: (p: PursuitView) => void; onCancel: () => void }) {
  const [d, setD] = useState<Draft>(() => draftOf(initial, units[0]?._id ?? ''));
  const [invalid, setInvalid] = useState<string | null>(null);
  const save = useAction();
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => setD((prev) => ({ ...prev, [k]: v }));
  const setKey = (i: number, patch: Partial<PursuitKeyDate>) => set('keyDates', d.keyDates.map((k, j) => (j === i ? { ...k, ...patch } : k)));

  async function submit() {
    const p = problem(d);
    setInvalid(p);
    if (p) return;
    const req = {
      ...(d.id ? { id: d.id } : { requestKey: d.requestKey }),
      unitId: d.unitId,
      name: d.name.trim(),
      level: d.level,
      awardedBy: d.awardedBy.trim(),
      opensOn: d.opensOn,
      nominationDeadline: d.nominationDeadline,
      resultOn: d.resultOn,
      keyDates: d.keyDates.map((k) => ({ label: k.label.trim(), date: k.date })),
      note: d.note.trim(),
    };
    const saved = await save.run(() => call('workboard', 'savePursuit', req), '已保存');
    if (saved) onSaved(saved);
  }

  const error = invalid ?? save.error?.message ?? null;
  return (
    <View className='section pursuit-form' data-testid='pursuit-form'>
      <Text className='section-title'>{d.id ? '编辑争创项目' : '新建争创项目'}</Text>
      <Text className='pursuit-form__label'>组织单位</Text>
      {d.id || units.length <= 1 ? (
        <Text className='pursuit-form__fixed'>{initial?.unit?.name ?? units[0]?.name ?? '—'}</Text>
      ) : (
        <View className='pursuit-chips'>
          {units.map((u) => (
            <View key={u._id} role='button' aria-pressed={d.unitId === u._id} className={`pursuit-chip${d.unitId === u._id ? ' pursuit-chip--on' : ''}`} onClick={() => set('unitId', u._id)}>
              <Text>{u.shortName}</Text>
            </View>
          ))}
        </View>
      )}
      <Text className='pursuit-form__label'>荣誉名称</Text>
      <Input className='pursuit-form__input' value={d.name} maxlength={PURSUIT_LIMITS.name} aria-label='荣誉名称' placeholder='如：全国青年岗位能手' onInput={(e) => set('name', e.detail.value)} />
      <Text className='pursuit-form__label'>级别</Text>
      <View className='pursuit-chips'>
        {HONOR_LEVELS.map((l) => (
          <View key={l} role='button' aria-pressed={d.level === l} className={`pursuit-chip${d.level === l ? ' pursuit-chip--on' : ''}`} onClick={() => set('level', l)}>
            <Text>{HONOR_LEVEL_LABEL[l]}</Text>
          </View>
        ))}
      </View>
      <Text className='pursuit-form__label'>授予单位</Text>
      <Input className='pursuit-form__input' value={d.awardedBy} maxlength={PURSUIT_LIMITS.awardedBy} aria-label='授予单位' placeholder='如：共青团中央' onInput={(e) => set('awardedBy', e.detail.value)} />
      <Text className='pursuit-form__label'>推荐窗口</Text>
      <View className='pursuit-form__dates'>
        <DateField label='开始推荐' value={d.opensOn} testId='pursuit-opens' onChange={(v) => set('opensOn', v)} />
        <DateField label='推荐截止' value={d.nominationDeadline} testId='pursuit-deadline-field' onChange={(v) => set('nominationDeadline', v)} />
        <DateField label='结果公布' value={d.resultOn} testId='pursuit-result' onChange={(v) => set('resultOn', v)} />
      </View>
      <Text className='pursuit-form__label'>关键节点（如党委书记向授奖机关汇报）</Text>
      {d.keyDates.map((k, i) => (
        <View key={i} className='pursuit-form__key' data-testid='pursuit-key-date'>
          <Input className='pursuit-form__input pursuit-form__key-label' value={k.label} maxlength={PURSUIT_LIMITS.keyDateLabel} aria-label={`关键节点${i + 1}事项`} placeholder='事项' onInput={(e) => setKey(i, { label: e.detail.value })} />
          <DateField label='日期' value={k.date} testId='pursuit-key-date-field' onChange={(v) => setKey(i, { date: v })} />
          <View role='button' className='pursuit-form__remove' aria-label={`删除关键节点${i + 1}`} onClick={() => set('keyDates', d.keyDates.filter((_, j) => j !== i))}>
            <Text>删除</Text>
          </View>
        </View>
      ))}
      {d.keyDates.length < PURSUIT_LIMITS.keyDates ? (
        <Button className='pursuit-button pursuit-button--secondary' onClick={() => set('keyDates', [...d.keyDates, { label: '', date: d.nominationDeadline }])}>
          添加关键节点
        </Button>
      ) : null}
      <Text className='pursuit-form__label'>备注</Text>
      <Textarea className='pursuit-form__textarea' value={d.note} maxlength={PURSUIT_LIMITS.note} aria-label='备注' onInput={(e) => set('note', e.detail.value)} />
      {error ? (
        <View className='pursuit-error' role='alert' data-testid='pursuit-form-error'>
          <Text>{error}</Text>
        </View>
      ) : null}
      <View className='pursuit-form__footer'>
        <Button className='pursuit-button pursuit-button--secondary' disabled={save.busy || undefined} onClick={onCancel}>
          取消
        </Button>
        <Button className='pursuit-button pursuit-button--primary' disabled={save.busy || undefined} onClick={() => void submit()}>
          {save.busy ? '保存中…' : '保存'}
        </Button>
      </View>
    </View>
  );
}
