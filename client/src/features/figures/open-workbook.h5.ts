/**
 * h5 (and PC browsers): fetch the workbook and save it under its Chinese file name through an
 * anchor with `download` (a cross-origin URL ignores `download`, so the bytes go through a blob).
 */
export async function openWorkbook(file: { url: string; fileName: string }): Promise<void> {
  const res = await fetch(file.url);
  if (!res.ok) throw new Error(`下载失败（${res.status}）`);
  const href = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = href;
  a.download = file.fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The click has handed the blob to the browser's download; let it go after that turn.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}
