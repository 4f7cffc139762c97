import { useMemo, useState } from 'react';
import { Button, Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Id, UnitLevel, UnitNode } from '@contract';
import { call } from '../../lib/api';
import { confirmAction } from '../../lib/confirm';
import { UNIT_LEVEL_LABEL } from '../../lib/contract-values';
import { UNIT_NAME_LIMITS } from '../../lib/schema-limits';
import { useAction } from '../../lib/use-action';
import { useResource } from '../../lib/use-resource';
import { StateView } from '../../components/state-view';
import { Tabs } from '../../components/tabs';
import { belowText, UnitChooser, unitForest, type UnitBranch } from './unit-chooser';
import './staff-admin.scss';

type Mode = 'rename' | 'add' | 'move';
const MODES: { value: Mode; label: string }[] = [
  { value: 'rename', label: '更名' },
  { value: 'add', label: '新增下级' },
  { value: 'move', label: '调整隶属' },
];
/** The level a unit's parent must have (mirrors the server's rule; the server decides). */
const PARENT_LEVEL: Record<UnitLevel, UnitLevel | null> = { corps: null, detachment: 'corps', battalion: 'detachment', station: 'battalion' };
const CHILD_LEVEL: Record<UnitLevel, UnitLevel | null> = { corps: 'detachment', detachment: 'battalion', battalion: 'station', station: null };

function TextField({ label, value, max, onChange }: { label: string; value: string; max: number; onChange: (v: string) => void }) {
  return (
    <View>
      <Text className='field__label'>{label}</Text>
      <Input className='field__input' value={value} maxlength={max} aria-label={label} onInput={(e) => onChange(e.detail.value)} />
    </View>
  );
}

function findBranch(forest: readonly UnitBranch[], id: Id): UnitBranch | null {
  for (const b of forest) {
    if (b.unit._id === id) return b;
    const inside = findBranch(b.children, id);
    if (inside) return inside;
  }
  return null;
}

/** What can be done to the chosen unit: rename it, add a unit under it, or move it under another parent. */
function UnitPanel({ unit, units, holds, onDone }: { unit: UnitNode; units: UnitNode[]; holds: string; onDone: (message: string) => void }) {
  const [mode, setMode] = useState<Mode>('rename');
  const [name, setName] = useState(unit.name);
  const [shortName, setShortName] = useState(unit.shortName);
  const [childName, setChildName] = useState('');
  const [childShort, setChildShort] = useState('');
  const [parentId, setParentId] = useState<Id | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const action = useAction();
  const parentLevel = PARENT_LEVEL[unit.level];
  const childLevel = CHILD_LEVEL[unit.level];
  const parents = units.filter((u) => u.level === parentLevel && u._id !== unit.parentId);
  const parentName = units.find((u) => u._id === unit.parentId)?.name;

  async function run(confirm: { title: string; content: string; confirmText: string }, work: () => Promise<string>) {
    setProblem(null);
    if (!(await confirmAction(confirm))) return;
    const message = await action.run(work);
    if (message !== null) onDone(message);
  }

  function submit() {
    if (mode === 'rename') {
      if (!name.trim() || !shortName.trim()) return setProblem('请填写全称和简称');
      void run({ title: '更名', content: `将「${unit.name}」更名为「${name.trim()}」？`, confirmText: '更名' }, async () => {
        await call('admin', 'renameUnit', { unitId: unit._id, name: name.trim(), shortName: shortName.trim() });
        return '已更名';
      });
    } else if (mode === 'add') {
      if (!childName.trim() || !childShort.trim()) return setProblem('请填写全称和简称');
      void run({ title: '新增下级', content: `在「${unit.name}」下新增「${childName.trim()}」？`, confirmText: '新增' }, async () => {
        await call('admin', 'addUnit', { parentId: unit._id, name: childName.trim(), shortName: childShort.trim() });
        return '已新增';
      });
    } else {
      const target = units.find((u) => u._id === parentId);
      if (!target) return setProblem('请选择新的上级单位');
      void run({ title: '调整隶属', content: `将「${unit.name}」及其下级调整到「${target.name}」？典型与事迹的单位信息将一并更新。`, confirmText: '调整' }, async () => {
        const res = await call('admin', 'moveUnit', { unitId: unit._id, parentId: target._id });
        return `已调整：${res.units} 个单位、${res.exemplars} 个典型、${res.stories} 篇事迹`;
      });
    }
    return undefined;
  }

  const error = problem ?? action.error?.message ?? null;
  return (
    <View className='section units__panel' data-testid='unit-panel'>
      <Text className='section-title'>{unit.name}</Text>
      <Text className='staff__muted'>{[UNIT_LEVEL_LABEL[unit.level], parentName ? `隶属${parentName}` : '', holds ? `下辖 ${holds}` : ''].filter(Boolean).join(' · ')}</Text>
      <Tabs
        tabs={MODES.filter((m) => (m.value === 'add' ? childLevel !== null : m.value === 'move' ? parentLevel !== null : true))}
        value={mode}
        onChange={(m) => {
          setMode(m);
          setProblem(null);
          action.clear();
        }}
      />
      {mode === 'rename' ? (
        <View>
          <TextField label='全称' value={name} max={UNIT_NAME_LIMITS.rename.name} onChange={setName} />
          <TextField label='简称' value={shortName} max={UNIT_NAME_LIMITS.rename.shortName} onChange={setShortName} />
        </View>
      ) : mode === 'add' ? (
        <View>
          <Text className='staff__muted'>{`新增的${childLevel ? UNIT_LEVEL_LABEL[childLevel] : ''}`}</Text>
          <TextField label='全称' value={childName} max={UNIT_NAME_LIMITS.add.name} onChange={setChildName} />
          <TextField label='简称' value={childShort} max={UNIT_NAME_LIMITS.add.shortName} onChange={setChildShort} />
        </View>
      ) : (
        <View>
          <Text className='field__label'>{`新的上级${parentLevel ? UNIT_LEVEL_LABEL[parentLevel] : ''}`}</Text>
          <UnitChooser units={parents} context={units} value={parentId} onChange={setParentId} />
        </View>
      )}
      {error ? (
        <View className='field__error' role='alert'>
          <Text>{error}</Text>
        </View>
      ) : null}
      <Button className='staff__primary' disabled={action.busy || undefined} onClick={submit}>
        {action.busy ? '提交中…' : '提交'}
      </Button>
    </View>
  );
}

/**
 * 单位管理: the admin's part of the unit tree. Choosing a unit opens what can be done to it:
 * beside the tree on a desk-wide window, in its place on a phone (返回 brings the tree back, as
 * it was left).
 */
export function UnitsScreen() {
  const [chosen, setChosen] = useState<Id | null>(null);
  const tree = useResource(() => call('admin', 'unitTree', {}), []);
  const units = tree.state.status === 'ready' ? tree.state.data.items : null;
  const forest = useMemo(() => (units ? unitForest(units) : []), [units]);

  if (tree.state.status === 'loading' || !units) {
    if (tree.state.status === 'error') return <StateView kind='error' deniedTitle='仅管理员可以管理单位' error={tree.state.error} onRetry={() => void tree.reload()} />;
    return <Text className='staff__muted'>加载中…</Text>;
  }
  const unit = units.find((u) => u._id === chosen) ?? null;
  const branch = unit ? findBranch(forest, unit._id) : null;
  return (
    <View className={`page staff staff-split${unit ? ' staff-split--open' : ''}`}>
      <View className='section staff-split__list'>
        <Text className='section-title'>{`单位（共 ${units.length} 个）`}</Text>
        <UnitChooser units={units} value={chosen} onChange={setChosen} />
      </View>
      {unit ? (
        <View className='staff-split__detail'>
          <View className='staff-split__back' role='button' onClick={() => setChosen(null)}>
            <Text>‹ 返回单位列表</Text>
          </View>
          <UnitPanel
            key={unit._id}
            unit={unit}
            units={units}
            holds={branch ? belowText(branch.below) : ''}
            onDone={(message) => {
              void Taro.showToast({ title: message, icon: 'none' });
              setChosen(null);
              // Reloaded in place: the tree stays open where the admin left it.
              void tree.reload();
            }}
          />
        </View>
      ) : (
        <View className='section staff-split__placeholder'>
          <Text>选择左侧的单位，可更名、新增下级或调整隶属</Text>
        </View>
      )}
    </View>
  );
}
