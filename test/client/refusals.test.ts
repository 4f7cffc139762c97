/**
 * Refusal reasons read in Chinese from one table: every reason the contract names has its
 * sentence, the one place that turns a server error into text prefers the reason to the code,
 * pages show that text instead of comparing the server's strings, and a permission refusal
 * never offers 重试.
 */
import { createElement } from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { REFUSAL_REASONS, type ApiError, type Me } from '@contract';
import { ApiFailure, ERROR_TEXT, REFUSAL_TEXT, call, fieldErrors } from '../../client/src/lib/api';
import { StateView } from '../../client/src/components/state-view';
import { ListFooter } from '../../client/src/components/list-footer';
import { MeScreen } from '../../client/src/features/me/me-screen';
import { ok, serveFunctions } from './support/local-cloud';

function refusal(error: ApiError) {
  return () => ({ ok: false as const, error });
}

describe('the refusal table', () => {
  it.each(REFUSAL_REASONS.map((r) => [r]))('%s reads as a Chinese sentence without Latin letters', (reason) => {
    const text = REFUSAL_TEXT[reason];
    expect(text.trim().length).toBeGreaterThan(3);
    expect(text).toMatch(/[\u4e00-\u9fa5]/);
    expect(text).not.toMatch(/[A-Za-z]/);
  });

  it('has a sentence for exactly the reasons the contract names', () => {
    expect(Object.keys(REFUSAL_TEXT).sort()).toEqual([...REFUSAL_REASONS].sort());
  });
});

describe('turning a server error into text', () => {
  it('prefers the error’s reason to its code', async () => {
    serveFunctions({ 'admin.saveCampaign': refusal({ code: 'CONFLICT', reason: 'slug_taken', message: 'slug x is taken' }) });
    const failure = await call('admin', 'saveCampaign', { name: 'n', slug: 'xx', description: 'd', order: 1 }).then(
      () => {
        throw new Error('expected a refusal');
      },
      (e: unknown) => e as ApiFailure,
    );
    expect(failure).toBeInstanceOf(ApiFailure);
    expect(failure.code).toBe('CONFLICT');
    expect(failure.reason).toBe('slug_taken');
    expect(failure.message).toBe('该标识已被其他专题使用');
    expect(failure.message).not.toBe(ERROR_TEXT.CONFLICT);
  });

  it('takes the first field’s reason when the error names none', () => {
    const failure = ApiFailure.fromApiError({
      code: 'INVALID_ARGUMENT',
      message: 'files must be uploaded by the caller for this purpose',
      fields: [{ path: 'deeds', message: '事迹材料至少 30 字' }, { path: 'attachments.1', message: 'not a file the caller uploaded', reason: 'file_not_accepted' }],
    });
    expect(failure.reason).toBe('file_not_accepted');
    expect(failure.message).toBe('文件不是你为此上传的，请重新上传');
  });

  it('falls back to the code’s text without a reason, or with one this client does not know yet', () => {
    expect(ApiFailure.fromApiError({ code: 'FAILED_PRECONDITION', message: 'x' }).message).toBe(ERROR_TEXT.FAILED_PRECONDITION);
    const newer = ApiFailure.fromApiError({ code: 'FAILED_PRECONDITION', message: 'x', reason: 'reason_from_a_newer_server' as ApiError['reason'] });
    expect(newer.reason).toBeUndefined();
    expect(newer.message).toBe(ERROR_TEXT.FAILED_PRECONDITION);
  });

  it('reads each named field in its reason’s words, keeps the schema’s Chinese messages, and never shows developer English', () => {
    const failure = ApiFailure.fromApiError({
      code: 'INVALID_ARGUMENT',
      message: 'bad request',
      fields: [
        { path: 'title', message: 'title missing', reason: 'title_missing' },
        { path: 'deeds', message: '事迹材料至少 30 字' },
        { path: 'photo', message: 'must be a cloud file id' },
      ],
    });
    expect(fieldErrors(failure)).toEqual({ title: '请填写标题', deeds: '事迹材料至少 30 字', photo: failure.message });
  });
});

describe('a permission refusal never offers 重试', () => {
  it.each(['PERMISSION_DENIED', 'UNAUTHENTICATED'] as const)('%s: the error state says why and taps do nothing, even when the page passes a retry', (code) => {
    const retry = jest.fn();
    const failure = ApiFailure.fromApiError({ code, reason: code === 'PERMISSION_DENIED' ? 'outside_scope' : 'not_signed_in', message: 'no' });
    render(createElement(StateView, { kind: 'error', error: failure, onRetry: retry }));
    expect(screen.queryByText(/重试/)).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.getByText('无权查看')).toBeInTheDocument();
    expect(screen.getByText(failure.message)).toBeInTheDocument();
    fireEvent.click(screen.getByTestId('state-denied'));
    expect(retry).not.toHaveBeenCalled();
  });

  it('any other failure stays tappable to retry', () => {
    const retry = jest.fn();
    render(createElement(StateView, { kind: 'error', error: new ApiFailure('UNAVAILABLE'), onRetry: retry }));
    fireEvent.click(screen.getByRole('button'));
    expect(screen.getByText('加载失败，点击重试')).toBeInTheDocument();
    expect(retry).toHaveBeenCalledTimes(1);
  });

  it('a list whose next page is refused says why instead of 点击重试', () => {
    const retry = jest.fn();
    render(createElement(ListFooter, { loadingMore: false, done: false, moreError: new ApiFailure('PERMISSION_DENIED'), onRetry: retry }));
    expect(screen.queryByText(/重试/)).toBeNull();
    fireEvent.click(screen.getByText(ERROR_TEXT.PERMISSION_DENIED));
    expect(retry).not.toHaveBeenCalled();
  });
});

describe('a page that used to compare the server’s tokens', () => {
  const reader: Me = { handle: 'a1b2c3d4e5', roles: [], reader: true };

  it('redeeming an invite whose creator lost their authority reads that reason, whatever the field message says', async () => {
    serveFunctions({
      'identity.me': () => ok(reader),
      'engagement.myLikes': () => ok({ items: [], next: null }),
      // The old token path would have read `used` here; the reason decides.
      'admin.redeem': refusal({ code: 'FAILED_PRECONDITION', reason: 'invite_authority_lost', message: 'x', fields: [{ path: 'code', message: 'used', reason: 'invite_authority_lost' }] }),
    });
    render(createElement(MeScreen));
    fireEvent.click(await screen.findByText('输入邀请码'));
    fireEvent.change(screen.getByLabelText('邀请码'), { target: { value: 'K7M2P9QX' } });
    // A reader gives their name with the code (it becomes their staff profile).
    fireEvent.change(screen.getByLabelText('你的姓名'), { target: { value: '李娜' } });
    fireEvent.click(screen.getByRole('button', { name: '确认' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(REFUSAL_TEXT.invite_authority_lost);
    expect(screen.queryByText('该邀请码已被使用')).toBeNull();
  });
});
