// The lookup QR code drawn as vector rectangles (crisp at any print resolution, no image to embed): the
// coordinate system is scaled to one module, and each horizontal run of dark modules is one rectangle.
import QRCode from 'qrcode';
import { concatTransformationMatrix, fill, popGraphicsState, pushGraphicsState, rectangle, rgb, setFillingColor, type PDFOperator, type PDFPage } from 'pdf-lib';

/** Draws the QR code of `text` with its lower-left corner at (x, y), `size` points wide (quiet zone included). */
export function drawQr(page: PDFPage, text: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const quiet = 2;
  const cell = size / (n + 2 * quiet);
  const ops: PDFOperator[] = [pushGraphicsState(), setFillingColor(rgb(0, 0, 0)), concatTransformationMatrix(cell, 0, 0, cell, x, y)];
  // In module units, the origin at the lower-left corner of the quiet zone; row 0 is at the top.
  for (let row = 0; row < n; row++) {
    let col = 0;
    while (col < n) {
      if (!qr.modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < n && qr.modules.get(row, col)) col++;
      ops.push(rectangle(start + quiet, n + quiet - row - 1, col - start, 1));
    }
  }
  ops.push(fill(), popGraphicsState());
  page.pushOperators(...ops);
}
