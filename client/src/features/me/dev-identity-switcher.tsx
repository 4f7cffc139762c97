/**
 * weapp: there is no dev identity — WeChat itself says who the user is (OPENID from the
 * cloud context). The h5 build resolves dev-identity-switcher.h5.tsx instead.
 */
export function DevIdentitySwitcher(_props: { onSwitched: () => void }) {
  return null;
}
