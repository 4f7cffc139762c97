import Taro from '@tarojs/taro';

/** Staff pages live in the `pages-staff` subpackage: readers never download them. */
export const STAFF_ROUTES = {
  home: '/pages-staff/home/index',
  invites: '/pages-staff/invites/index',
  grants: '/pages-staff/grants/index',
  audit: '/pages-staff/audit/index',
  library: '/pages-staff/library/index',
  units: '/pages-staff/units/index',
  campaigns: '/pages-staff/campaigns/index',
} as const;

export function openStaff(route: string): void {
  void Taro.navigateTo({ url: route });
}
