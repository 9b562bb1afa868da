/**
 * The xlsx library, in one place: ExcelJS (npm exceljs, MIT), which writes and reads workbooks
 * with cell types, number formats, column widths, frozen panes and filters. Chosen over SheetJS:
 * its npm package "xlsx" stopped at 0.18.5 (2022; later versions are published only on SheetJS's
 * own site, which this project cannot install from, and 0.18.5 carries two high-severity advisories
 * in its reader, which the tests use to read workbooks back), and over write-only libraries,
 * which cannot read back what they wrote.
 *
 * The workbook class is imported from the package's own module rather than its entry point: the
 * entry point also loads the streaming reader and writer (unzipper, archiver, fstream), which
 * need system access when loaded and are not used here; the workbook's in-memory xlsx writer and
 * reader use JSZip only. The one permission it needs is to read the READABLE_STREAM variable.
 */
// @ts-types="npm:exceljs@4.4.0"
import type { Workbook as WorkbookType, Worksheet } from "exceljs";
import WorkbookClass from "exceljs/lib/doc/workbook.js";

export type { Worksheet };
export type Workbook = WorkbookType;

/** A new, empty workbook. */
export function newWorkbook(): Workbook {
  return new (WorkbookClass as unknown as new () => Workbook)();
}

/** The workbook as .xlsx bytes. */
export async function workbookBytes(workbook: Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Reads .xlsx bytes back into a workbook (tests, and anyone checking a download). */
export async function readWorkbook(bytes: Uint8Array): Promise<Workbook> {
  const workbook = newWorkbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}
