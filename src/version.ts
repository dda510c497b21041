// The tool's name and version, as recorded in every result.
import { readFileSync } from 'node:fs';
import { paths } from './paths.js';

const pkg = JSON.parse(readFileSync(paths.packageJson, 'utf8')) as { name: string; version: string };

export const tool = { name: pkg.name, version: pkg.version } as const;
