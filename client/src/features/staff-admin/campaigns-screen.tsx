import { useState } from 'react';
import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { adminSchemas, type CampaignAdminView } from '@contract';
import { call, toFailure } from '../../lib/api';
import { CAMPAIGN_LIMITS } from '../../lib/schema-limits';
import { useResource } from '../../lib/use-resource';
import { StateView } from '../../components/state-view';
import './staff-admin.scss';
import { FormFooter } from './form-footer';

interface Draft {
  id?: string;
  name: string;
  slug: string;
  description: string;
  order: string;
}

const EMPTY: Draft = { name: '', slug: '', description: '', order: '' };

/** What is wrong with the form before it is sent (the server checks the same with the shared schema). */
function problem(d: Draft): string | null {
  if (!d.name.trim()) return '请填写专题名称';
  if (!adminSchemas.saveCampaign.shape.slug.safeParse(d.slug).success) return '标识为 2–40 位小写字母、数字或连字符';
  if (!d.description.trim()) return '请填写专题简介';
  if (!/^\d+$/.test(d.order) || Number(d.order) > CAMPAIGN_LIMITS.orderMax) return `排序为 0–${CAMPAIGN_LIMITS.orderMax} 的整数`;
  return null;
}

function CampaignForm({ initial, onSaved, onCancel }: { initial: Draft; onSaved: () => void; onCancel: () => void }) {
  const [d, setD] = useState<Draft>(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof Draft) => (e: { detail: { value: string } }) => setD((prev) => ({ ...prev, [k]: e.detail.value }));

  async function save() {
    const p = problem(d);
    if (p) {
      setError(p);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await call('admin', 'saveCampaign', {
        ...(d.id ? { id: d.id } : {}),
        name: d.name.trim(),
        slug: d.slug,
        description: d.description.trim(),
        order: Number(d.order),
      });
      void Taro.showToast({ title: '已保存', icon: 'success' });
      onSaved();
    } catch (err) {
      // A taken slug reads as such through its reason (slug_taken), not as the generic CONFLICT.
      setError(toFailure(err).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className='section decision' data-testid='campaign-form'>
      <Text className='section-title'>{d.id ? '编辑专题' : '新建专题'}</Text>
      <Text className='field__label'>名称</Text>
      <Input className='field__input' value={d.name} maxlength={CAMPAIGN_LIMITS.name} aria-label='名称' onInput={set('name')} />
      <Text className='field__label'>标识（用于链接）</Text>
      <Input className='field__input' value={d.slug} maxlength={40} aria-label='标识' onInput={set('slug')} />
      <Text className='field__label'>简介</Text>
      <Textarea className='field__textarea' value={d.description} maxlength={CAMPAIGN_LIMITS.description} aria-label='简介' onInput={set('description')} />
      <Text className='field__label'>排序（小的在前）</Text>
      <Input className='field__input' value={d.order} maxlength={String(CAMPAIGN_LIMITS.orderMax).length} aria-label='排序' onInput={set('order')} />
      <FormFooter error={error} busy={busy} action='保存' onCancel={onCancel} onSubmit={() => void save()} />
    </View>
  );
}

/** 专题管理: the campaigns in display order; create one or edit its name, link, description and order. */
export function CampaignsScreen() {
  const [version, setVersion] = useState(0);
  const [editing, setEditing] = useState<Draft | null>(null);
  const list = useResource(() => call('admin', 'listCampaigns', {}), [version]);

  const edit = (c: CampaignAdminView) => setEditing({ id: c._id, name: c.name, slug: c.slug, description: c.description, order: String(c.order) });

  return (
    <View className='page staff'>
      {editing ? (
        <CampaignForm
          key={editing.id ?? 'new'}
          initial={editing}
          onCancel={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            setVersion((v) => v + 1);
          }}
        />
      ) : list.state.status === 'ready' ? (
        // Offered once the list is in, so a new campaign's default place is after the last one.
        <View className='section'>
          <Button className='staff__primary' onClick={() => list.state.status === 'ready' && setEditing({ ...EMPTY, order: String(list.state.data.items.length + 1) })}>
            新建专题
          </Button>
        </View>
      ) : null}
      {list.state.status === 'loading' ? (
        <Text className='staff__muted'>加载中…</Text>
      ) : list.state.status === 'error' ? (
        <StateView kind='error' error={list.state.error} onRetry={() => void list.reload()} />
      ) : list.state.data.items.length === 0 ? (
        <StateView kind='empty' title='还没有专题' />
      ) : (
        <View className='section'>
          {list.state.data.items.map((c) => (
            <View key={c._id} className='staff__item' data-testid='campaign-row'>
              <View className='staff__item-main'>
                <Text className='staff__item-title'>{c.name}</Text>
                <Text className='staff__muted'>{`${c.slug} · 排序 ${c.order} · ${c.storyCount} 篇事迹`}</Text>
              </View>
              <Button className='staff__secondary' onClick={() => edit(c)}>
                编辑
              </Button>
            </View>
          ))}
        </View>
      )}
    </View>
  );
}
