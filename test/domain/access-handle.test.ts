import { createHash } from 'node:crypto';
import { heldRoles, holdsRoleOver, inSubtree, parseAdminOpenids } from '../../cloudfunctions/src/domain/access';
import { callerHandle } from '../../cloudfunctions/src/domain/handle';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('subtrees and roles', () => {
  const stationPath = ['corps', 'det-urumqi', 'bat-1', 'station-7'];

  it('a unit is inside the subtree of every unit on its path', () => {
    expect(inSubtree(stationPath, 'det-urumqi')).toBe(true);
    expect(inSubtree(stationPath, 'station-7')).toBe(true);
    expect(inSubtree(stationPath, 'det-kashgar')).toBe(false);
  });

  it('a detachment reviewer covers its stations but not another detachment', () => {
    const held = [{ role: 'reviewer' as const, unitId: 'det-urumqi' }];
    expect(holdsRoleOver(held, 'reviewer', stationPath)).toBe(true);
    expect(holdsRoleOver(held, 'reviewer', ['corps', 'det-kashgar', 'bat-9'])).toBe(false);
    expect(holdsRoleOver(held, 'publisher', stationPath)).toBe(false);
  });

  it('deployment admins are read from a comma-separated list, blanks and repeats ignored', () => {
    expect(parseAdminOpenids(' a , b,,a ,')).toEqual(['a', 'b']);
    expect(parseAdminOpenids(undefined)).toEqual([]);
    expect(parseAdminOpenids('')).toEqual([]);
  });

  it('revoked grants and grants of other people do not count', () => {
    const held = heldRoles(
      'me',
      [
        { openid: 'me', role: 'editor', unitId: 'station-7', revokedAt: null },
        { openid: 'me', role: 'reviewer', unitId: 'det-urumqi', revokedAt: 123 },
        { openid: 'someone', role: 'admin', unitId: 'corps', revokedAt: null },
      ],
      [],
      'corps',
    );
    expect(held).toEqual([{ role: 'editor', unitId: 'station-7' }]);
  });

  it('a deployment admin is admin of the corps root without any grant', () => {
    expect(heldRoles('boss', [], ['boss'], 'corps')).toEqual([{ role: 'admin', unitId: 'corps' }]);
    expect(heldRoles('reader', [], ['boss'], 'corps')).toEqual([]);
  });

  it('a role granted again over the same unit counts once', () => {
    const g = { openid: 'boss', role: 'admin' as const, unitId: 'corps', revokedAt: null };
    expect(heldRoles('boss', [g, g], ['boss'], 'corps')).toEqual([{ role: 'admin', unitId: 'corps' }]);
  });

  it('without a root unit the deployment admin holds nothing yet', () => {
    expect(heldRoles('boss', [], ['boss'], null)).toEqual([]);
  });
});

describe('caller handle', () => {
  it('is stable for the same OPENID and differs between OPENIDs', () => {
    const a = callerHandle('oABC123', sha256);
    expect(callerHandle('oABC123', sha256)).toBe(a);
    expect(callerHandle('oABC124', sha256)).not.toBe(a);
  });

  it('is 10 hex digits and never contains the OPENID', () => {
    const openid = 'o6_bmjrPTlm6_2sgVt7hMZOPfL2M';
    const handle = callerHandle(openid, sha256);
    expect(handle).toMatch(/^[0-9a-f]{10}$/);
    expect(openid).not.toContain(handle);
  });

  it('is not the plain hash of the OPENID (domain-separated from other uses)', () => {
    expect(callerHandle('oABC', sha256)).not.toBe(sha256('oABC').slice(0, 10));
  });

  it('refuses an empty OPENID and a hash that is not hex', () => {
    expect(() => callerHandle('', sha256)).toThrow();
    expect(() => callerHandle('o1', () => 'not-hex!')).toThrow();
    expect(() => callerHandle('o1', () => 'abc')).toThrow();
  });
});
