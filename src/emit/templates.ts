import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import { toLiteral } from './literal.js';

/** The folder with `*.hbs` templates and `partials/*.hbs`. */
export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

/**
 * Escaping policy: templates are compiled with `noEscape` (HTML escaping would corrupt TypeScript) and `strict`
 * (a missing view field throws instead of printing nothing; the `json` helper refuses `undefined` for the same
 * reason). So nothing is escaped implicitly: a template may print (a) identifiers the model validated, (b) comment
 * lines already passed through `sanitizeForComment`, (c) code the view model built from `toLiteral` pieces, and
 * (d) any other value ONLY through the `json` helper, which prints a JS literal. Handlebars makes one pass, so
 * `{{` inside a value is printed as it is. test/hostile/template-policy.test.ts holds templates and view to this:
 * every raw `{{field}}` must be classified there.
 */
export interface TemplateRenderer {
  render(name: string, view: object): string;
}

/** An isolated handlebars environment with our partials and the `json` helper; templates compiled once per renderer. */
export function createRenderer(dir: string = TEMPLATES_DIR): TemplateRenderer {
  const hbs = Handlebars.create();
  hbs.registerHelper('json', printLiteral);
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

/**
 * The `json` helper. Strict mode does not cover helper arguments (`{{json missing}}` receives `undefined`), so a
 * missing field is refused here rather than printed as `undefined`.
 */
function printLiteral(...args: unknown[]): string {
  if (args.length !== 2 || args[0] === undefined) {
    throw new Error('`json` helper: takes exactly one value, and it is undefined (a missing view field?)');
  }
  return toLiteral(args[0]);
}

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
