import { useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Id, InviteStatus, InviteView, Role } from '@contract';
import { call, toFailure } from '../../lib/api';
import { confirmAction } from '../../lib/confirm';
import { formatDateTime } from '../../lib/dates';
import { INVITE_STATUS_LABEL, ROLE_LABEL } from '../../lib/contract-values';
import { usePagedList } from '../../lib/use-paged-list';
import { useResource } from '../../lib/use-resource';
import { ChipGroup, type ChipOption } from '../../components/chip-group';
import { ListFooter } from '../../components/list-footer';
import { ListRow } from '../../components/list-row';
import { StateView } from '../../components/state-view';
import { UnitChooser } from './unit-chooser';
import { routes } from '../../lib/routes';
import './staff-admin.scss';

const ROLES: ChipOption<Role>[] = (['editor', 'reviewer', 'publisher', 'admin'] as const).map((r) => ({ value: r, label: ROLE_LABEL[r] }));
const DAYS: ChipOption<'1' | '3' | '7' | '30'>[] = [
  { value: '1', label: '1 天' },
  { value: '3', label: '3 天' },
  { value: '7', label: '7 天' },
  { value: '30', label: '30 天' },
];

const STATUS_TONE: Record<InviteStatus, 'neutral' | 'warn' | 'ok' | 'danger'> = { open: 'warn', redeemed: 'ok', revoked: 'neutral', expired: 'neutral' };

/** What became of an invite, in a line: who used it and when, or until when it can be used. */
function inviteFate(inv: InviteView): string {
  switch (inv.status) {
    case 'redeemed':
      return `已由 ${inv.redeemedBy?.name ?? '未署名人员'} 使用${inv.redeemedAt === null ? '' : ` · ${formatDateTime(inv.redeemedAt)}`}`;
    case 'open':
      return `${formatDateTime(inv.expiresAt)} 前有效，仅可使用一次`;
    case 'expired':
      return `已于 ${formatDateTime(inv.expiresAt)} 过期`;
    case 'revoked':
      return `生成于 ${formatDateTime(inv.createdAt)}`;
  }
}

/** 邀请与授权: make a one-time code for a role over a unit, hand it over, and manage open ones. */
export function InvitesScreen() {
  const [role, setRole] = useState<Role>('editor');
  const [unitId, setUnitId] = useState<Id | null>(null);
  const [days, setDays] = useState<'1' | '3' | '7' | '30'>('7');
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<InviteView | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [listKey, setListKey] = useState(0);

  const units = useResource(() => call('admin', 'unitTree', {}), []);
  const list = usePagedList((cursor) => call('admin', 'listInvites', { cursor }), [listKey]);

  async function create() {
    if (!unitId) {
      setFormError('请选择单位');
      return;
    }
    setFormError(null);
    setBusy(true);
    try {
      const invite = await call('admin', 'createInvite', { role, unitId, validDays: Number(days) });
      setCreated(invite);
      setListKey((k) => k + 1);
    } catch (err) {
      setFormError(toFailure(err).message);
    } finally {
      setBusy(false);
    }
  }

  async function copy(invite: InviteView) {
    await Taro.setClipboardData({ data: invite.code });
    void Taro.showToast({ title: '邀请码已复制', icon: 'success' });
  }

  async function revoke(invite: InviteView) {
    const sure = await confirmAction({ title: '撤销邀请码', content: `撤销后 ${invite.code} 将无法使用，确定撤销？`, confirmText: '撤销', danger: true });
    if (!sure) return;
    try {
      await call('admin', 'revokeInvite', { inviteId: invite._id });
      void Taro.showToast({ title: '已撤销', icon: 'success' });
      if (created?._id === invite._id) setCreated(null);
      setListKey((k) => k + 1);
    } catch (err) {
      void Taro.showToast({ title: toFailure(err).message, icon: 'none' });
    }
  }

  return (
    <View className='page staff staff--desk'>
      <View className='section'>
        <Text className='section-title'>生成邀请码</Text>
        <Text className='field__label'>角色</Text>
        <ChipGroup label='角色' options={ROLES} value={role} onChange={setRole} />
        <Text className='field__label'>单位（角色覆盖该单位及下级）</Text>
        {units.state.status === 'ready' ? (
          <UnitChooser units={units.state.data.items} value={unitId} onChange={setUnitId} />
        ) : units.state.status === 'error' ? (
          <StateView kind='error' title='单位加载失败，点击重试' error={units.state.error} onRetry={() => void units.reload()} />
        ) : (
          <Text className='staff__muted'>正在加载单位…</Text>
        )}
        <Text className='field__label'>有效期</Text>
        <ChipGroup label='有效期' options={DAYS} value={days} onChange={setDays} />
        {formError ? (
          <View className='field__error' role='alert'>
            <Text>{formError}</Text>
          </View>
        ) : null}
        <Button className='staff__primary' disabled={busy || undefined} onClick={() => void create()}>
          {busy ? '正在生成…' : '生成邀请码'}
        </Button>
        {created ? (
          <View className='invite-created' data-testid='invite-created'>
            <Text className='invite-created__code'>{created.code}</Text>
            <Text className='staff__muted'>{`${ROLE_LABEL[created.role]} · ${created.unit.name} · ${formatDateTime(created.expiresAt)} 前有效，仅可使用一次`}</Text>
            <Text className='staff__muted'>把邀请码发给对方，对方在「我的」页点「输入邀请码」即可获得角色。</Text>
            <Button className='staff__secondary' onClick={() => void copy(created)}>
              复制邀请码
            </Button>
          </View>
        ) : null}
      </View>

      <View className='section'>
        <View className='staff__row'>
          <Text className='section-title'>邀请码记录</Text>
          <View className='staff__link' role='link' onClick={() => void Taro.navigateTo({ url: routes.grants() })}>
            <Text>查看已授权人员</Text>
          </View>
        </View>
        {list.status === 'loading' ? (
          <Text className='staff__muted'>加载中…</Text>
        ) : list.status === 'error' ? (
          <StateView kind='error' error={list.error} onRetry={() => void list.refresh()} />
        ) : list.items.length === 0 ? (
          <StateView kind='empty' title='还没有邀请码' />
        ) : (
          <View>
            {list.items.map((inv) => (
              <ListRow
                key={inv._id}
                testId='invite-row'
                title={`${inv.code} · ${ROLE_LABEL[inv.role]}`}
                badge={{ text: INVITE_STATUS_LABEL[inv.status], tone: STATUS_TONE[inv.status] }}
                meta={[inv.unit.name, inviteFate(inv)]}
                actions={
                  inv.status === 'open' ? (
                    <Button className='staff__danger' onClick={() => void revoke(inv)}>
                      撤销
                    </Button>
                  ) : undefined
                }
              />
            ))}
            <ListFooter loadingMore={list.loadingMore} done={list.done} moreError={list.moreError} onRetry={() => void list.loadMore()} />
          </View>
        )}
      </View>
    </View>
  );
}
