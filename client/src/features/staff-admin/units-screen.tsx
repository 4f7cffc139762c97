import { useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Id, UnitLevel, UnitNode } from '@contract';
import { call, toFailure } from '../../lib/api';
import { UNIT_LEVEL_LABEL } from '../../lib/contract-values';
import { UNIT_NAME_LIMITS } from '../../lib/schema-limits';
import { useResource } from '../../lib/use-resource';
import { StateView } from '../../components/state-view';
import { Tabs } from '../../components/tabs';
import { UnitChooser } from './unit-chooser';
import './staff-admin.scss';

type Mode = 'rename' | 'add' | 'move';
const MODES: { value: Mode; label: string }[] = [
  { value: 'rename', label: '更名' },
  { value: 'add', label: '新增下级' },
  { value: 'move', label: '调整隶属' },
];
/** The level a unit's parent must have (mirrors the server's rule; the server decides). */
const PARENT_LEVEL: Record<UnitLevel, UnitLevel | null> = { corps: null, detachment: 'corps', battalion: 'detachment', station: 'battalion' };

function TextField({ label, value, max, onChange }: { label: string; value: string; max: number; onChange: (v: string) => void }) {
  return (
    <View>
      <Text className='field__label'>{label}</Text>
      <Input className='field__input' value={value} maxlength={max} aria-label={label} onInput={(e) => onChange(e.detail.value)} />
    </View>
  );
}

/** What can be done to the chosen unit: rename it, add a unit under it, or move it under another parent. */
function UnitPanel({ unit, units, onDone }: { unit: UnitNode; units: UnitNode[]; onDone: (message: string) => void }) {
  const [mode, setMode] = useState<Mode>('rename');
  const [name, setName] = useState(unit.name);
  const [shortName, setShortName] = useState(unit.shortName);
  const [childName, setChildName] = useState('');
  const [childShort, setChildShort] = useState('');
  const [parentId, setParentId] = useState<Id | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const parentLevel = PARENT_LEVEL[unit.level];
  const parents = units.filter((u) => u.level === parentLevel && u._id !== unit.parentId);

  async function run(confirmText: string, action: () => Promise<string>) {
    const answer = await Taro.showModal({ title: '确认', content: confirmText, confirmText: '确定' });
    if (!answer.confirm) return;
    setBusy(true);
    setError(null);
    try {
      onDone(await action());
    } catch (err) {
      setError(toFailure(err).message);
    } finally {
      setBusy(false);
    }
  }

  function submit() {
    if (mode === 'rename') {
      if (!name.trim() || !shortName.trim()) return setError('请填写全称和简称');
      void run(`将「${unit.name}」更名为「${name.trim()}」？`, async () => {
        await call('admin', 'renameUnit', { unitId: unit._id, name: name.trim(), shortName: shortName.trim() });
        return '已更名';
      });
    } else if (mode === 'add') {
      if (!childName.trim() || !childShort.trim()) return setError('请填写全称和简称');
      void run(`在「${unit.name}」下新增「${childName.trim()}」？`, async () => {
        await call('admin', 'addUnit', { parentId: unit._id, name: childName.trim(), shortName: childShort.trim() });
        return '已新增';
      });
    } else {
      const target = units.find((u) => u._id === parentId);
      if (!target) return setError('请选择新的上级单位');
      void run(`将「${unit.name}」及其下级调整到「${target.name}」？典型与事迹的单位信息将一并更新。`, async () => {
        const res = await call('admin', 'moveUnit', { unitId: unit._id, parentId: target._id });
        return `已调整：${res.units} 个单位、${res.exemplars} 个典型、${res.stories} 篇事迹`;
      });
    }
    return undefined;
  }

  const canAdd = unit.level !== 'station';
  const canMove = parentLevel !== null;
  return (
    <View className='section decision' data-testid='unit-panel'>
      <Text className='section-title'>{`${unit.name}（${UNIT_LEVEL_LABEL[unit.level]}）`}</Text>
      <Tabs tabs={MODES.filter((m) => (m.value === 'add' ? canAdd : m.value === 'move' ? canMove : true))} value={mode} onChange={(m) => { setMode(m); setError(null); }} />
      {mode === 'rename' ? (
        <View>
          <TextField label='全称' value={name} max={UNIT_NAME_LIMITS.rename.name} onChange={setName} />
          <TextField label='简称' value={shortName} max={UNIT_NAME_LIMITS.rename.shortName} onChange={setShortName} />
        </View>
      ) : mode === 'add' ? (
        <View>
          <Text className='staff__muted'>{`新增的${UNIT_LEVEL_LABEL[unit.level === 'corps' ? 'detachment' : unit.level === 'detachment' ? 'battalion' : 'station']}`}</Text>
          <TextField label='全称' value={childName} max={UNIT_NAME_LIMITS.add.name} onChange={setChildName} />
          <TextField label='简称' value={childShort} max={UNIT_NAME_LIMITS.add.shortName} onChange={setChildShort} />
        </View>
      ) : (
        <View>
          <Text className='field__label'>{`新的上级${parentLevel ? UNIT_LEVEL_LABEL[parentLevel] : ''}`}</Text>
          <UnitChooser units={parents} value={parentId} onChange={setParentId} />
        </View>
      )}
      {error ? (
        <View className='field__error' role='alert'>
          <Text>{error}</Text>
        </View>
      ) : null}
      <Button className='staff__primary' disabled={busy || undefined} onClick={submit}>
        {busy ? '提交中…' : '提交'}
      </Button>
    </View>
  );
}

/** 单位管理: the admin's part of the unit tree; choose a unit to rename it, add under it or move it. */
export function UnitsScreen() {
  const [version, setVersion] = useState(0);
  const [chosen, setChosen] = useState<Id | null>(null);
  const tree = useResource(() => call('admin', 'unitTree', {}), [version]);

  if (tree.state.status === 'loading') return <Text className='staff__muted'>加载中…</Text>;
  if (tree.state.status === 'error') return <StateView kind='error' error={tree.state.error} onRetry={() => void tree.reload()} />;
  const units = tree.state.data.items;
  const unit = units.find((u) => u._id === chosen) ?? null;
  return (
    <View className='page staff'>
      {unit ? (
        <UnitPanel
          key={unit._id}
          unit={unit}
          units={units}
          onDone={(message) => {
            void Taro.showToast({ title: message, icon: 'none' });
            setChosen(null);
            setVersion((v) => v + 1);
          }}
        />
      ) : null}
      <View className='section'>
        <Text className='section-title'>选择单位</Text>
        <UnitChooser units={units} value={chosen} onChange={setChosen} />
      </View>
    </View>
  );
}
