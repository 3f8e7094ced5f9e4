// renderForm: a form's snapshot → PDF bytes. Pure: no clock, no database, no randomness; the document's
// dates come from the snapshot, so the same snapshot and layout give the same bytes.
import type { PDFDocument } from 'pdf-lib';
import { AppError } from '../../errors/app-error.js';
import { A4_LANDSCAPE, A5, Sheet } from '../pdf/sheet.js';
import { FORM_TITLES, SUPPORTED_LAYOUTS, type FormData } from './form-types.js';
import { drawApology, drawReceipt, drawRefusal, drawStop, drawSupplement } from './letter-forms.js';
import { drawControlSheet, drawRegister } from './table-forms.js';

/** The form's bytes, unsigned: the canonical rendering an issued document's fingerprint is taken of. */
export async function renderForm(data: FormData): Promise<Uint8Array> {
  const sheet = await drawForm(data);
  return sheet.save();
}

/** The form as a pdf-lib document, for a signer to add its placeholder before saving. */
export async function renderFormDocument(data: FormData): Promise<PDFDocument> {
  return (await drawForm(data)).doc;
}

async function drawForm(data: FormData): Promise<Sheet> {
  if (!SUPPORTED_LAYOUTS.includes(data.layout)) throw new AppError('DOCUMENT_LAYOUT_UNSUPPORTED', { form: data.form, layout: data.layout });
  const register = data.form === '07';
  const sheet = await Sheet.create({
    size: register ? A4_LANDSCAPE : A5,
    margin: register ? 36 : 30,
    bodySize: register ? 10 : 9.5,
    title: `${FORM_TITLES[data.form].vi}${data.dossierCode ? ` ${data.dossierCode}` : ''}`,
    createdAt: new Date(data.header.issuedAt),
  });
  switch (data.form) {
    case '01':
      await drawReceipt(sheet, data);
      break;
    case '02':
      await drawSupplement(sheet, data);
      break;
    case '03':
      await drawRefusal(sheet, data);
      break;
    case '04':
      await drawApology(sheet, data);
      break;
    case '05':
      await drawStop(sheet, data);
      break;
    case '06':
      await drawControlSheet(sheet, data);
      break;
    case '07':
      await drawRegister(sheet, data);
      break;
  }
  return sheet;
}
