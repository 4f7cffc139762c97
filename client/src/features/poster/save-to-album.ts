import Taro from '@tarojs/taro';

export type SaveOutcome = 'saved' | 'privacy-refused' | 'album-refused' | 'failed';

const SCOPE = 'scope.writePhotosAlbum';

/** Taro's typings omit requirePrivacyAuthorize on older base libraries; it may be absent at runtime too. */
function requirePrivacy(): Promise<boolean> {
  const api = (Taro as unknown as { requirePrivacyAuthorize?: (o: { success: () => void; fail: () => void }) => void }).requirePrivacyAuthorize;
  if (typeof api !== 'function') return Promise.resolve(true);
  return new Promise((resolve) => api.call(Taro, { success: () => resolve(true), fail: () => resolve(false) }));
}

/**
 * Asks for the album the way WeChat requires: the privacy agreement first (the album is a
 * privacy API), then the scope. A scope refused once is never prompted again — authorize
 * fails at once — so a refusal is explained and the settings page offered.
 */
async function albumAllowed(): Promise<boolean> {
  const { authSetting } = await Taro.getSetting();
  if (authSetting[SCOPE] === true) return true;
  if (authSetting[SCOPE] === undefined) {
    try {
      await Taro.authorize({ scope: SCOPE });
      return true;
    } catch {
      // Refused just now: explain below, like a refusal from before.
    }
  }
  const { confirm } = await Taro.showModal({
    title: '需要相册权限',
    content: '保存海报需要允许“保存到相册”。可以在设置中打开，之后再点保存。',
    confirmText: '去设置',
    cancelText: '暂不',
  });
  if (!confirm) return false;
  const after = await Taro.openSetting();
  return after.authSetting[SCOPE] === true;
}

/** Saves a poster image to the album; every outcome is told to the user here. */
export async function savePosterToAlbum(filePath: string): Promise<SaveOutcome> {
  if (!(await requirePrivacy())) {
    void Taro.showToast({ title: '未同意隐私保护指引，无法保存到相册', icon: 'none' });
    return 'privacy-refused';
  }
  let allowed: boolean;
  try {
    allowed = await albumAllowed();
  } catch {
    allowed = false;
  }
  if (!allowed) {
    void Taro.showToast({ title: '未获得相册权限，可长按海报图片保存', icon: 'none' });
    return 'album-refused';
  }
  try {
    await Taro.saveImageToPhotosAlbum({ filePath });
  } catch {
    void Taro.showToast({ title: '保存失败，请稍后重试', icon: 'none' });
    return 'failed';
  }
  void Taro.showToast({ title: '已保存到相册', icon: 'success' });
  return 'saved';
}
