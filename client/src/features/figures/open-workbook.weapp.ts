import Taro from '@tarojs/taro';

/** Download the workbook to a temporary file and open it in WeChat's document viewer (转发/保存 from its menu). */
export async function openWorkbook(file: { url: string; fileName: string }): Promise<void> {
  const res = await Taro.downloadFile({ url: file.url });
  if (res.statusCode !== 200) throw new Error(`下载失败（${res.statusCode}）`);
  await Taro.openDocument({ filePath: res.tempFilePath, fileType: 'xlsx', showMenu: true });
}
