// The lookup QR code drawn as one vector path (crisp at any print resolution, no image to embed).
import QRCode from 'qrcode';
import { rgb, type PDFPage } from 'pdf-lib';

/** Draws the QR code of `text` with its lower-left corner at (x, y), `size` points wide (quiet zone included). */
export function drawQr(page: PDFPage, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2;
  const cell = size / (n + 2 * quiet);
  // One path of unit squares in module coordinates (SVG's y axis points down), scaled to the cell size.
  const path: string[] = [];
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      if (qr.modules.get(row, col)) path.push(`M${col + quiet} ${row + quiet}h1v1h-1z`);
    }
  }
  page.drawSvgPath(path.join(''), { x, y: y + size, scale: cell, color: rgb(0, 0, 0), borderWidth: 0 });
}
