// Renders the report's HTML from the Handlebars templates in templates/report/: one self-contained document.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { formatNumber } from '../engine/messages.js';
import { paths } from '../paths.js';
import { fontFaceCss } from './fonts.js';
import type { ReportModel } from './model.js';
import type { NotJudgedModel } from './notJudged.js';

const dir = join(paths.templates, 'report');
const read = (file: string) => readFileSync(join(dir, file), 'utf8');

let compiled: { render: HandlebarsTemplateDelegate; css: string } | undefined;
let compiledNotJudged: HandlebarsTemplateDelegate | undefined;

function environment(): typeof Handlebars {
  // Every value from a declaration is inserted with {{ }}, which escapes it; {{{ }}} is used for our own CSS only.
  const hb = Handlebars.create();
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('lt', (a: unknown, b: unknown) => Number(a) < Number(b));
  hb.registerHelper('add', (a: unknown, b: unknown) => Number(a) + Number(b));
  hb.registerHelper('sub', (a: unknown, b: unknown) => Number(a) - Number(b));
  hb.registerHelper('fixed', (a: unknown) => (typeof a === 'number' ? a.toFixed(2) : '0'));
  hb.registerHelper('num', (value: unknown, digits: unknown) => formatNumber(value, typeof digits === 'number' ? digits : 4));
  hb.registerHelper('pct', (value: unknown) => (typeof value === 'number' ? `${formatNumber(value * 100, 2)}%` : 'n/a'));
  hb.registerHelper('join', (value: unknown) => (Array.isArray(value) ? value.join(', ') : ''));
  hb.registerHelper('default', (value: unknown, fallback: unknown) => (value === undefined || value === null || value === '' ? fallback : value));
  for (const partial of ['finding', 'windowsChart', 'outputsChart', 'disclosure']) hb.registerPartial(partial, read(`${partial}.hbs`));
  return hb;
}

export function renderReportHtml(model: ReportModel): string {
  compiled ??= { render: environment().compile(read('report.hbs'), { strict: false }), css: `${fontFaceCss()}\n${read('report.css')}` };
  return compiled.render({ ...model, css: compiled.css });
}

export function renderNotJudgedHtml(model: NotJudgedModel): string {
  compiledNotJudged ??= environment().compile(read('not-judged.hbs'), { strict: false });
  return compiledNotJudged({ ...model, css: `${fontFaceCss()}\n${read('report.css')}` });
}
