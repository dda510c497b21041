// Renders the report's HTML from the Handlebars templates in templates/report/: one self-contained document.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import { paths } from '../paths.js';
import { fontFaceCss } from './fonts.js';
import type { ReportModel } from './model.js';
import type { NotJudgedModel } from './notJudged.js';
import { figure, percentOf, type FigureKind } from './numbers.js';

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
  // {{num value}} is a mass or an emission, {{num value "factor"}} an emission factor (numbers.ts), {{pct share}} a share.
  hb.registerHelper('num', (value: unknown, kind: unknown) => figure(value, typeof kind === 'string' ? (kind as FigureKind) : 'amount'));
  hb.registerHelper('pct', (value: unknown) => percentOf(value));
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
