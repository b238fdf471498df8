/**
 * The page's PNG of what is on screen, and the download of any file (the JSON and CSV come from the
 * trainer: src/web/trainer/files.ts).
 */

/** The map and the loss chart side by side on white, under a title line. */
export function pngFile(map: HTMLCanvasElement, loss: HTMLCanvasElement, title: string): Promise<Blob> {
  const gap = 16;
  const titleHeight = 40;
  const scale = map.height / Math.max(1, loss.height);
  const lossWidth = Math.round(loss.width * scale);
  const canvas = document.createElement('canvas');
  canvas.width = map.width + gap + lossWidth + 2 * gap;
  canvas.height = map.height + titleHeight + gap;
  const ctx = canvas.getContext('2d') as CanvasRenderingContext2D;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#111';
  ctx.font = `bold ${Math.round(titleHeight * 0.5)}px system-ui, sans-serif`;
  ctx.textBaseline = 'middle';
  ctx.fillText(title, gap, titleHeight / 2 + gap / 2);
  ctx.drawImage(map, gap, titleHeight);
  ctx.drawImage(loss, gap + map.width + gap, titleHeight, lossWidth, map.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be encoded'))), 'image/png'),
  );
}

/** Offers `contents` as a file download named `name`. */
export function download(name: string, contents: Blob | string, type = 'application/octet-stream'): void {
  const blob = typeof contents === 'string' ? new Blob([contents], { type }) : contents;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
