/**
 * The platform seam for the figures workbook: on the phone (weapp) it is downloaded with
 * wx.downloadFile and opened with wx.openDocument (Excel preview, with the menu to forward or
 * save it); on h5 and PC browsers the browser downloads it. The build picks
 * `open-workbook.weapp.ts` or `open-workbook.h5.ts`; jest maps to the h5 one.
 */
export declare function openWorkbook(file: { url: string; fileName: string }): Promise<void>;
