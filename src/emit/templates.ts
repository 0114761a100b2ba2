import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { toLiteral } from './literal.js';

/** The folder with `*.hbs` templates and `partials/*.hbs`. */
export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

/**
 * Escaping policy: templates are compiled with `noEscape` (HTML escaping would corrupt TypeScript) and `strict`
 * (a missing view field throws instead of printing nothing). So nothing is escaped implicitly: a template may
 * print (a) identifiers the model validated, (b) comment lines already passed through `sanitizeForComment`, and
 * (c) any other value ONLY through the `json` helper, which prints a JS literal. Tests hold templates to this.
 */
export interface TemplateRenderer {
  render(name: string, view: object): string;
}

/** An isolated handlebars environment with our partials and the `json` helper; templates compiled once per renderer. */
export function createRenderer(dir: string = TEMPLATES_DIR): TemplateRenderer {
  const hbs = Handlebars.create();
  hbs.registerHelper('json', (value: unknown) => toLiteral(value));
  const partialsDir = `${dir}/partials`;
  for (const file of safeList(partialsDir).filter((f) => f.endsWith('.hbs')).sort()) {
    hbs.registerPartial(file.replace(/\.hbs$/, ''), readFileSync(`${partialsDir}/${file}`, 'utf8'));
  }
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  return {
    render(name, view) {
      let template = compiled.get(name);
      if (!template) {
        template = hbs.compile(readFileSync(`${dir}/${name}.hbs`, 'utf8'), { strict: true, noEscape: true });
        compiled.set(name, template);
      }
      return template(view);
    },
  };
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
