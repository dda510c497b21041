// A ledger sheet as read from its file, before any field is interpreted: its header cells and its rows, each
// cell with its place, so that every problem found later names the file, the sheet, the row and the column.

/** A cell as the file holds it: text (CSV, and text cells), or a number, a yes/no or a date (spreadsheets). */
export type CellValue = string | number | boolean | Date | null;

export interface LedgerTable {
  /** The file as the declaration names it. */
  file: string;
  format: 'csv' | 'xlsx';
  sheet?: string;
  /** The separator between fields of a CSV file, as declared or told from its header. */
  delimiter?: string;
  /** Header texts by column number (1-based); the header is row 1. */
  headers: Array<{ column: number; text: string }>;
  /** Rows with at least one filled cell, with their row number in the file (the header is row 1). */
  rows: Array<{ row: number; cells: Map<number, CellValue> }>;
}

/** A problem of the file itself (unreadable, no header, merged header cells), before any line is read. */
export class TableProblem extends Error {
  constructor(
    message: string,
    readonly row = 0,
    readonly column = 0,
  ) {
    super(message);
  }
}
