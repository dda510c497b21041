// The document formats mbcheck reads, in one place: which file names and media types stand for which format, and
// what each may hold. Every caller (loading, the streamed reader, the service body, the CLI's input listing,
// output names) asks here instead of testing suffixes of its own.

export type DocumentFormatName = 'yaml' | 'json' | 'csv' | 'xlsx';

export interface DocumentFormat {
  name: DocumentFormatName;
  /** A whole declaration (YAML, JSON), or the lines of a ledger that a declaration names (CSV, XLSX). */
  holds: 'declaration' | 'ledger';
  /** File name endings, lower case, with the dot; the first is the one mbcheck writes. */
  extensions: readonly string[];
  /** Media types, the first the one mbcheck sends. */
  mediaTypes: readonly string[];
  /** Text formats are decoded as UTF-8; a workbook is a zip archive. */
  binary: boolean;
  label: string;
}

export const DOCUMENT_FORMATS: readonly DocumentFormat[] = [
  { name: 'yaml', holds: 'declaration', extensions: ['.yaml', '.yml'], mediaTypes: ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml'], binary: false, label: 'YAML' },
  { name: 'json', holds: 'declaration', extensions: ['.json'], mediaTypes: ['application/json'], binary: false, label: 'JSON' },
  { name: 'csv', holds: 'ledger', extensions: ['.csv'], mediaTypes: ['text/csv'], binary: false, label: 'CSV' },
  {
    name: 'xlsx',
    holds: 'ledger',
    extensions: ['.xlsx'],
    mediaTypes: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    binary: true,
    label: 'Excel workbook (XLSX)',
  },
];

/** The format a file name stands for, by its ending; undefined for any other name. */
export function formatOfFileName(fileName: string): DocumentFormat | undefined {
  const lower = fileName.toLowerCase();
  return DOCUMENT_FORMATS.find((format) => format.extensions.some((extension) => lower.endsWith(extension)));
}

/** The format of a media type (parameters such as charset are ignored); undefined for any other type. */
export function formatOfMediaType(mediaType: string): DocumentFormat | undefined {
  const type = mediaType.split(';')[0]!.trim().toLowerCase();
  return DOCUMENT_FORMATS.find((format) => format.mediaTypes.includes(type));
}

/** Whether a file name is one a declaration is written in (what a directory argument lists). */
export function isDeclarationFileName(fileName: string): boolean {
  return formatOfFileName(fileName)?.holds === 'declaration';
}

/**
 * The format a declaration's text is read in: by its name when the name says (a.json, a.yaml), else by its
 * first character, since JSON is also YAML but is read far faster and placed more precisely as JSON.
 */
export function declarationFormatOf(name: string, text: () => string): 'yaml' | 'json' {
  const named = formatOfFileName(name);
  if (named?.name === 'json' || named?.name === 'yaml') return named.name;
  return /^\s*[{[]/.test(text()) ? 'json' : 'yaml';
}

/** A declaration file's name without its format's ending: steel.yaml -> steel. */
export function stemOf(fileName: string): string {
  const format = formatOfFileName(fileName);
  const extension = format?.extensions.find((e) => fileName.toLowerCase().endsWith(e));
  return extension ? fileName.slice(0, fileName.length - extension.length) : fileName;
}
